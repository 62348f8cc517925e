"""The words of the NPSA 5×5 matrix: what each likelihood and consequence level means.

Pure data. The wording is paraphrased from reproductions of the NPSA table (docs in
``shared/domain.md``); an organisation's own wording replaces it through its settings, so the
rest of the program reads descriptors through :func:`consequence_descriptor` and the tuples here
rather than copying the text.
"""

from __future__ import annotations

from dataclasses import dataclass

# Level 1..5 is index 0..4. The B&NES seed calls level 5 "Certain"; NPSA and most bodies
# say "Almost certain", which is the default.
LIKELIHOOD_NAMES = ("Rare", "Unlikely", "Possible", "Likely", "Almost certain")
CONSEQUENCE_NAMES = ("Negligible", "Minor", "Moderate", "Major", "Catastrophic")

LIKELIHOOD_IN_WORDS = (
    "Will probably never happen",
    "Do not expect it to happen but it is possible",
    "Might happen occasionally",
    "Will probably happen but it is not a persisting issue",
    "Will undoubtedly happen, possibly frequently",
)
LIKELIHOOD_FREQUENCY = (
    "Not expected to occur for years",
    "Expected to occur at least annually",
    "Expected to occur at least monthly",
    "Expected to occur at least weekly",
    "Expected to occur at least daily",
)
LIKELIHOOD_PROBABILITY = ("under 0.1%", "0.1–1%", "1–10%", "10–50%", "over 50%")


@dataclass(frozen=True)
class ConsequenceDomain:
    """One domain a risk can threaten, with what each consequence level looks like in it."""

    key: str
    name: str
    descriptors: tuple[str, str, str, str, str]


CONSEQUENCE_DOMAINS: tuple[ConsequenceDomain, ...] = (
    ConsequenceDomain("harm", "Harm to patients, staff or public", (
        "Minimal injury, no time off work",
        "Minor injury, fewer than 3 days off work",
        "Moderate injury, 4–14 days off work; reportable incident",
        "Major injury, long-term disability, more than 14 days off work",
        "Death or multiple permanent injuries",
    )),
    ConsequenceDomain("quality", "Quality, complaints and audit", (
        "Peripheral element of service suboptimal; informal complaint",
        "Overall service suboptimal; formal complaint",
        "Significantly reduced effectiveness; repeated failures",
        "Non-compliance with national standards; critical report",
        "Totally unacceptable quality; inquest or ombudsman inquiry",
    )),
    ConsequenceDomain("staffing", "Staffing and competence", (
        "Short-term low staffing, less than 1 day",
        "Low staffing level that reduces service quality",
        "Late delivery of a key objective; unsafe staffing for more than 1 day",
        "Uncertain delivery of a key objective; unsafe staffing for more than 5 days; "
        "loss of key staff",
        "Non-delivery of a key objective; ongoing unsafe staffing",
    )),
    ConsequenceDomain("statutory", "Statutory duty and inspections", (
        "No or minimal breach of guidance or statutory duty",
        "Breach of statutory guidance or legislation",
        "Single breach of statutory duty; improvement notice",
        "Enforcement action; multiple breaches of statutory duty",
        "Prosecution; zero performance rating",
    )),
    ConsequenceDomain("reputation", "Adverse publicity and reputation", (
        "Rumours",
        "Local media coverage, short-term",
        "Local media coverage, long-term loss of public confidence",
        "National media coverage for less than 3 days",
        "National media coverage for more than 3 days; questions in Parliament",
    )),
    ConsequenceDomain("objectives", "Business objectives and projects", (
        "Insignificant cost increase or schedule slippage",
        "Less than 5% over project budget",
        "5–10% over project budget",
        "10–25% over project budget; key objectives not met",
        "More than 25% over project budget; key objectives not met",
    )),
    ConsequenceDomain("finance", "Finance, including claims", (
        "Small loss",
        "Loss of 0.1–0.25% of budget; claim under £10,000",
        "Loss of 0.25–0.5% of budget; claim £10,000–£100,000",
        "Loss of 0.5–1% of budget; claim £100,000–£1 million",
        "Loss of more than 1% of budget; claim over £1 million; loss of contract",
    )),
    ConsequenceDomain("service", "Service interruption and environment", (
        "Loss or interruption of more than 1 hour; minimal impact",
        "Loss or interruption of more than 8 hours; minor impact",
        "Loss or interruption of more than 1 day; moderate impact",
        "Loss or interruption of more than 1 week; major impact",
        "Permanent loss of service or facility; catastrophic impact",
    )),
)

DOMAIN_KEYS = tuple(d.key for d in CONSEQUENCE_DOMAINS)


def consequence_domain(key: str) -> ConsequenceDomain:
    for domain in CONSEQUENCE_DOMAINS:
        if domain.key == key:
            return domain
    raise KeyError(f"'{key}' is not a consequence domain; known: {', '.join(DOMAIN_KEYS)}")


def consequence_descriptor(key: str, level: int) -> str:
    """What consequence ``level`` (1..5) means in the domain ``key``."""
    return consequence_domain(key).descriptors[level - 1]


def likelihood_descriptor(level: int) -> str:
    """Likelihood ``level`` (1..5) in words, as frequency and as probability, on one line."""
    i = level - 1
    return f"{LIKELIHOOD_IN_WORDS[i]}; {LIKELIHOOD_FREQUENCY[i].lower()}; " \
           f"{LIKELIHOOD_PROBABILITY[i]}"
