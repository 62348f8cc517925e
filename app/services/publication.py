"""Whether a record may be shown to the public: one rule, over the records outputs show.

Confidentiality belongs to the data. A Part 2 item is confidential, and so is a paper flagged
confidential (a paper on a Part 2 item always is). A record derived from either inherits it:

  an action raised at a Part 2 item, or at an item whose paper is confidential;
  a chair's action taken on a confidential paper (or a paper on a Part 2 item);
  the agenda item that puts such a chair's action to a meeting for ratification (its title
      names the action, so it is listed in public only as ``CONFIDENTIAL_RATIFICATION``),
      and that item's minute.

    confidential(session, record) -> reason | None
        record: an ActionRow, a ChairsActionRow, an AgendaItemRow or a MinuteRow. None: the public may see
        it. A reason ("taken in private (Part 2)", "on a confidential paper"): shown to the
        board only; in a public output it is left out, or stands as the words below.

A Part 1 item with a confidential paper keeps its own title and its minute in public (the
agenda shows it, and the body discussed it in public); only the paper's fields are withheld,
by the pack (``app.services.pack.gather``).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.services.decisions.chairs_action_rows import ChairsActionRow
from app.services.meetings.actions import ActionRow
from app.services.meetings.agenda import AgendaItemRow
from app.services.meetings.minutes import MinuteRow
from app.store.decisions import ChairsAction
from app.store.meetings import AgendaItem
from app.store.papers import Paper

PART2 = "taken in private (Part 2)"
CONFIDENTIAL_PAPER = "on a confidential paper"

# What the public sees in place of a confidential record that must keep its place.
CONFIDENTIAL_RATIFICATION = "A chair's action on a confidential matter, reported in private"
CONFIDENTIAL_ACTION = "An action on a confidential matter"


def confidential(session: Session, record: object) -> str | None:
    """Why ``record`` is withheld from the public, or None when the public may see it."""
    if isinstance(record, ActionRow):
        return _item_source(session, record.agenda_item_id)
    if isinstance(record, ChairsActionRow):
        return _paper_source(session, record.paper_id)
    if isinstance(record, AgendaItemRow):
        if record.part == 2:
            return PART2
        return _ratifies_confidential(session, record.id)
    if isinstance(record, MinuteRow):
        if record.part == 2:
            return PART2
        return _ratifies_confidential(session, record.agenda_item_id)
    raise TypeError(f"no publication rule for {type(record).__name__}")


def _item_source(session: Session, agenda_item_id: int | None) -> str | None:
    """A record raised at this item: confidential when the item is Part 2 or its paper is."""
    if agenda_item_id is None:
        return None
    item = session.get(AgendaItem, agenda_item_id)
    if item is None:
        return None
    if item.part == 2:
        return PART2
    paper = session.scalar(select(Paper).where(Paper.agenda_item_id == agenda_item_id))
    return CONFIDENTIAL_PAPER if paper is not None and paper.confidential else None


def _paper_source(session: Session, paper_id: int | None) -> str | None:
    if paper_id is None:
        return None
    paper = session.get(Paper, paper_id)
    if paper is None:
        return None
    item = session.get(AgendaItem, paper.agenda_item_id)
    if item is not None and item.part == 2:
        return PART2
    return CONFIDENTIAL_PAPER if paper.confidential else None


def _ratifies_confidential(session: Session, agenda_item_id: int) -> str | None:
    paper_ids = session.scalars(select(ChairsAction.paper_id).where(
        ChairsAction.ratification_item_id == agenda_item_id))
    reasons = [r for r in (_paper_source(session, p) for p in paper_ids) if r]
    return reasons[0] if reasons else None
