"""Event dates: taken from the text, resolved against the publication date, never invented from the run date.

The passages are written for these tests. Each runs the real sentence splitter, count, date and event
extractors and the roll-up (no spaCy: places play no part in the date).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tasks.core.extraction.counts import extract_counts
from tasks.core.extraction.dates import extract_dates
from tasks.core.extraction.events import extract_events
from tasks.core.extraction.figures import build_figures
from tasks.core.extraction.sentences import split_sentences

D = dt.date
RUN = D(2026, 11, 26)  # a Thursday
WED = dt.datetime(2021, 9, 15, 7, 0, tzinfo=dt.UTC)  # a Wednesday


def event_date(text: str, published: dt.datetime | None) -> dt.date | None:
    sentences = split_sentences(text)
    counts = extract_counts(text, sentences)
    dates = extract_dates(text, sentences, published, RUN)
    events = extract_events(text, sentences, counts)
    pub = published.date() if published else None
    return build_figures(counts, events, dates, [], text=text, published=pub, anchor=pub or RUN).event_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the day before publication, by weekday or time of day
        ("A man was shot in the arm Tuesday night outside a bar in Duluth.", D(2021, 9, 14)),
        ("Two teenagers were wounded in a shooting late Tuesday in Tulsa.", D(2021, 9, 14)),
        ("A woman was shot and killed last night in east Fresno, police said.", D(2021, 9, 14)),
        ("In Dayton, detectives are looking into an overnight shooting that left one man hurt.", D(2021, 9, 14)),
        ("One person was hurt in a shooting overnight Monday in Macon.", D(2021, 9, 13)),
        # the same day
        ("A man was shot early Wednesday in a parking lot in Boise.", D(2021, 9, 15)),
        ("Gunfire erupted this morning near a school in Reno; a guard was grazed.", D(2021, 9, 15)),
        ("Shots rang out early today in Albany and one man was wounded.", D(2021, 9, 15)),
        # earlier in the week; a weekday is the most recent such day, never a week early
        ("A clerk was shot during a robbery on Sunday evening in Omaha.", D(2021, 9, 12)),
        ("A 30-year-old man was fatally shot Saturday afternoon in Lansing.", D(2021, 9, 11)),
        # a stated date wins over the publication date
        ("On 9 September 2021, gunmen killed four villagers near Kaduna.", D(2021, 9, 9)),
        ("Three people were shot on Sept. 10 outside a club in Memphis.", D(2021, 9, 10)),
        # the incident's date, not the date of the arrest, court hearing or statement
        (
            "A Yonkers man was arraigned Tuesday on attempted murder charges. Police said he shot a "
            "neighbour in the leg Sunday night during an argument.",
            D(2021, 9, 12),
        ),
        (
            "Police said Tuesday that a 19-year-old was shot and wounded Monday afternoon in Akron.",
            D(2021, 9, 13),
        ),
        # a date naming the incident itself ("a Monday shooting") wins over the verb's date
        (
            "Deputies booked two brothers into the Pima County jail Tuesday after a Sunday incident in which "
            "a neighbour was shot in the hand.",
            D(2021, 9, 12),
        ),
        ("Detectives said Monday night's shooting on Elm Street left a man in serious condition.", D(2021, 9, 13)),
        # nothing dates the event: the publication date
        ("A man was shot in the leg in Flint, police said. He is in stable condition.", D(2021, 9, 15)),
    ],
)
def test_event_date_against_the_publication_date(text: str, expected: dt.date) -> None:
    assert event_date(text, WED) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 3 March 2020, soldiers clashed with rebels near Beni, killing six.", D(2020, 3, 3)),
        ("On 14 November 2019, residents of Tamale marched to demand better roads.", D(2019, 11, 14)),
        # a year-less day takes its year from a date in the same note that states one
        ("4 May. Herders attacked farmers near Mopti, killing two, ahead of the May 2018 vote.", D(2018, 5, 4)),
        (
            "On 30 December, a mine killed a driver near Gao; troops had cleared the road in January 2015.",
            D(2014, 12, 30),
        ),
        # only the run's date could resolve these: NULL, never a date made up from today
        ("Militants attacked a police post on Tuesday, killing three officers.", None),
        ("On 21 June, soldiers killed five fighters in an ambush near Diffa.", None),
        ("Students protested in the capital last week against fees.", None),
        ("Gunmen killed two traders on the highway.", None),
    ],
)
def test_event_date_without_a_publication_date(text: str, expected: dt.date | None) -> None:
    assert event_date(text, None) == expected


def test_a_run_reference_keeps_its_mentions_marked() -> None:
    text = "On 21 June, soldiers killed five fighters.\nOn 3 March 2020, a mine exploded."
    mentions = extract_dates(text, split_sentences(text), None, RUN)
    assert [(m.text, m.value, m.relative, m.reference) for m in mentions] == [
        ("21 June", D(2020, 6, 21), False, "run"),  # its year from the stated date nearby
        ("3 March 2020", D(2020, 3, 3), False, "run"),
    ]
    alone_text = "On 21 June, soldiers killed five."
    alone = extract_dates(alone_text, split_sentences(alone_text), None, RUN)
    assert [(m.value, m.relative) for m in alone] == [(D(2026, 6, 21), True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police said a man was shot overnight.", []),  # a time, not a date mention: the roll-up reads it
        ("The overnight shift ended on Monday.", [("on Monday", D(2021, 9, 13))]),
        ("He was shot early today.", [("early today", D(2021, 9, 15))]),
        ("The story first ran in USA Today.", []),
        ("Read more at FLORIDA TODAY.", []),
        ("Today, the family asked for privacy.", [("Today", D(2021, 9, 15))]),
    ],
)
def test_times_of_day(text: str, expected: list[tuple[str, dt.date]]) -> None:
    mentions = extract_dates(text, split_sentences(text), WED, RUN)
    assert [(m.text, m.value) for m in mentions] == expected
