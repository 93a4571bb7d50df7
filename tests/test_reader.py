"""The reader: supported Markdown becomes the model; anything else is an error naming file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePosixPath

import pytest

from handoutkit.errors import ProblemError
from handoutkit.model import BlockQuote, Emphasis, Heading, Image, LineBreak, Link, List, Paragraph, Strong, Text
from handoutkit.reader import read_document

READER = Path(__file__).parent / "data" / "reader"
BASIC = Path(__file__).parent / "data" / "projects" / "basic"


def problems_of(slug: str) -> list[str]:
    with pytest.raises(ProblemError) as caught:
        read_document(READER, slug, "en")
    return [str(p) for p in caught.value.problems]


def test_every_supported_block_is_read_with_its_line():
    doc = read_document(BASIC, "basic", "en")
    kinds = [type(block).__name__ for block in doc.blocks]
    assert kinds == [
        "Heading",
        "Paragraph",
        "Image",
        "Image",
        "List",
        "Heading",
        "List",
        "BlockQuote",
        "Heading",
        "Paragraph",
    ]
    heading, paragraph, figure, decorative, bullets, sub, steps, quote, second, phone = doc.blocks
    assert isinstance(heading, Heading) and heading.level == 2 and heading.anchor == "h-first-part"
    assert heading.content.origin.path == "source/basic.md" and heading.content.origin.line == 16
    assert isinstance(paragraph, Paragraph) and paragraph.content.origin.line == 18
    assert isinstance(figure, Image) and figure.src == PurePosixPath("images/dot.svg")
    assert figure.alt is not None and figure.alt.msgid == "A small black dot on a white square"
    assert isinstance(decorative, Image) and decorative.decorative and decorative.alt is None
    assert isinstance(bullets, List) and not bullets.ordered and len(bullets.items) == 2
    nested = bullets.items[0].children[0]
    assert isinstance(nested, List) and [i.content.msgid for i in nested.items] == [
        "Nested item one",
        "Nested item two",
    ]
    assert isinstance(sub, Heading) and sub.level == 3
    assert isinstance(steps, List) and steps.ordered and steps.start == 1
    assert isinstance(quote, BlockQuote) and isinstance(quote.children[0], Paragraph)
    assert isinstance(second, Heading) and isinstance(phone, Paragraph)


def test_a_paragraph_msgid_is_its_inline_markdown_with_lines_joined():
    paragraph = read_document(BASIC, "basic", "en").blocks[1]
    assert isinstance(paragraph, Paragraph)
    assert paragraph.content.msgid == (
        "A paragraph with *emphasis*, **strong words** and [a link](https://example.org/info) that continues on a "
        "second line."
    )
    assert paragraph.content.inlines == (
        Text("A paragraph with "),
        Emphasis((Text("emphasis"),)),
        Text(", "),
        Strong((Text("strong words"),)),
        Text(" and "),
        Link("https://example.org/info", (Text("a link"),)),
        Text(" that continues on a second line."),
    )
    assert paragraph.content.lang == "en" and paragraph.content.kind == "paragraph"


def test_front_matter_fields_are_read_with_their_lines():
    doc = read_document(BASIC, "basic", "en")
    meta = doc.meta
    assert meta.title.msgid == "Basic handout" and meta.title.origin.line == 2 and not meta.title.markdown
    assert meta.summary is not None and meta.summary.inlines[1] == Strong((Text("main"),))
    assert [s.msgid for s in meta.sms] == ["Call {organization} at {phone}."] and meta.sms[0].origin.line == 5
    assert meta.sms_parts == 1
    assert meta.updated == dt.date(2026, 11, 2)
    assert [(r.text.msgid, r.link) for r in meta.references] == [
        ("Example Society (2020, May 21). A useful page.", "https://example.org/page"),
        ("A reference without a link.", None),
    ]
    assert not doc.review.reviewed and doc.units_total == 18


def test_a_reviewed_source_counts_as_reviewed_in_the_source_language():
    doc = read_document(READER, "reviewed", "en")
    assert doc.review.reviewed
    assert doc.review.source_by == "Dr. Ada Example" and doc.review.source_on == dt.date(2026, 10, 1)


def test_a_hard_break_is_kept_in_msgid_and_model():
    paragraph = read_document(READER, "hard-break", "en").blocks[0]
    assert isinstance(paragraph, Paragraph)
    assert paragraph.content.msgid == "First line\\\nsecond line."
    assert paragraph.content.inlines == (Text("First line"), LineBreak(), Text("second line."))


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("bad-yaml", "source/bad-yaml.md:3: error: front matter is not valid YAML"),
        ("no-title", "source/no-title.md:2: error: front matter needs a non-empty 'title'"),
        ("unknown-field", "source/unknown-field.md:3: error: unknown front matter field 'author'"),
        ("h1-in-body", "source/h1-in-body.md:7: error: a level-1 heading ('#') in the body"),
        ("skipped-level", "source/skipped-level.md:7: error: heading level 4 follows level 2: a level is skipped"),
        ("empty-alt", "source/empty-alt.md:7: error: an image needs alt text"),
        ("raw-html", "source/raw-html.md:5: error: raw HTML is not allowed: '<b>'"),
        ("code-block", "source/code-block.md:7: error: code blocks are not supported in handouts"),
        ("image-outside", "source/image-outside.md:5: error: image '../../../../etc/passwd.png' leaves the source/"),
        ("remote-image", "source/remote-image.md:5: error: image 'https://example.org/x.png' is not a path inside"),
        ("relative-link", "source/relative-link.md:5: error: link target 'other.md' must start with https://"),
        ("broken-front-matter", "source/broken-front-matter.md:1: error: a handout starts with front matter"),
        ("no-front-matter", "source/no-front-matter.md:1: error: a handout starts with front matter"),
        (
            "decorative-with-alt",
            "source/decorative-with-alt.md:5: error: an image marked {.decorative} must have empty alt text",
        ),
        ("inline-image", "source/inline-image.md:5: error: an image must stand alone in its own paragraph"),
        ("horizontal-rule", "source/horizontal-rule.md:7: error: horizontal rules"),
        ("sms-not-text", "source/sms-not-text.md:3: error: 'sms' must be a message or a list of messages"),
    ],
)
def test_unsupported_or_invalid_input_is_an_error_naming_file_and_line(slug, expected):
    problems = problems_of(slug)
    assert any(p.startswith(expected) for p in problems), problems


def test_every_problem_of_a_file_is_reported_at_once():
    problems = problems_of("two-problems")
    assert len(problems) == 3, problems
    assert problems[0].startswith("source/two-problems.md:3: error: 'sms_parts' must be a whole number")
    assert problems[1].startswith("source/two-problems.md:6: error: a level-1 heading")
    assert problems[2].startswith("source/two-problems.md:8: error: raw HTML")


def test_a_file_name_that_could_leave_the_output_folder_is_refused(tmp_path):
    (tmp_path / "source").mkdir()
    with pytest.raises(ProblemError) as caught:
        read_document(tmp_path, "../escape", "en")
    assert "not a valid handout name" in str(caught.value)


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        (
            "impossible-date",
            "source/impossible-date.md:3: error: 'updated' is not a real date: 2026-13-01 (there is no month 13); "
            "write a day that exists, as YYYY-MM-DD [front-matter]",
        ),
        (
            "impossible-day",
            "source/impossible-day.md:3: error: 'updated' is not a real date: 2026-02-30 (February 2026 has 28 days); "
            "write a day that exists, as YYYY-MM-DD [front-matter]",
        ),
        (
            "two-digit-year",
            "source/two-digit-year.md:3: error: 'updated' is 0026-11-25, before 1900: a mistyped year? "
            "(write it as YYYY-MM-DD) [front-matter]",
        ),
        (
            "not-a-timestamp",
            "source/not-a-timestamp.md:3: error: 'updated' is not a real date: soon (it has no year, month and day); "
            "write a day that exists, as YYYY-MM-DD [front-matter]",
        ),
    ],
)
def test_an_impossible_date_is_a_problem_naming_its_field_file_and_line(slug, expected):
    assert problems_of(slug) == [expected]


def test_an_impossible_review_date_is_reported_once_not_as_a_missing_date():
    assert problems_of("impossible-review-date") == [
        "source/impossible-review-date.md:4: error: 'reviewed_on' is not a real date: 2026-13-01 "
        "(there is no month 13); write a day that exists, as YYYY-MM-DD [front-matter]"
    ]


def test_an_impossible_date_does_not_hide_the_other_problems_of_the_file():
    problems = problems_of("impossible-date-and-more")
    assert len(problems) == 4, problems
    assert problems[0].startswith(
        "source/impossible-date-and-more.md:3: error: 'updated' is not a real date: 2026-04-31 (April has 30 days)"
    )
    assert problems[1].startswith("source/impossible-date-and-more.md:4: error: unknown front matter field 'author'")
    assert problems[2].startswith("source/impossible-date-and-more.md:5: error: 'sms_parts' must be a whole number")
    assert problems[3].startswith("source/impossible-date-and-more.md:8: error: a level-1 heading")
