"""Each body's voting rule: the majority a motion needs and whether the chair has a casting vote.

Kept in the organisation's settings (JSON, key ``voting``) rather than a column of its own:
``{"majority": "simple", "casting_vote": false, "bodies": {"<committee id>": {...}}}``. A body
without its own entry follows the organisation's; an organisation without one follows the
defaults in app.domain.decisions (simple majority of votes cast; a tie is lost).

Use cases:
  voting_rule_for(committee_id=None) -> VotingRule   (None: the organisation's default)
  set_voting_rule(majority, casting_vote, committee_id=None) -> VotingRule
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.domain.decisions import DEFAULT_CASTING_VOTE, DEFAULT_MAJORITY, VotingRule
from app.domain.decisions import voting_rule_problems as _problems
from app.services import organisation
from app.services.common import get_or_fail, raise_if
from app.store.people import Committee

VOTING_KEY = "voting"


def _rule(stored: dict, fallback: VotingRule) -> VotingRule:
    return VotingRule(stored.get("majority", fallback.majority),
                      bool(stored.get("casting_vote", fallback.casting_vote)))


def voting_rule_for(session: Session, *, committee_id: int | None = None) -> VotingRule:
    stored = organisation.get_setting(session, VOTING_KEY, {}) or {}
    default = _rule(stored, VotingRule(DEFAULT_MAJORITY, DEFAULT_CASTING_VOTE))
    if committee_id is None:
        return default
    return _rule((stored.get("bodies") or {}).get(str(committee_id), {}), default)


def set_voting_rule(session: Session, *, majority: str, casting_vote: bool,
                    committee_id: int | None = None) -> VotingRule:
    rule = VotingRule(majority, bool(casting_vote))
    raise_if(_problems(rule))
    stored = dict(organisation.get_setting(session, VOTING_KEY, {}) or {})
    value = {"majority": rule.majority, "casting_vote": rule.casting_vote}
    if committee_id is None:
        stored.update(value)
    else:
        get_or_fail(session, Committee, committee_id, "committee")
        bodies = dict(stored.get("bodies") or {})
        bodies[str(committee_id)] = value
        stored["bodies"] = bodies
    organisation.set_setting(session, key=VOTING_KEY, value=stored)
    return rule
