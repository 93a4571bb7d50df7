"""Options schemas (handoutkit.options): what a value must be, and what makes a schema invalid."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from handoutkit.options import OptionError, option, option_fields, options_markdown, read_options, schema_problem


@dataclass(frozen=True, slots=True)
class Sample:
    """One option of each type."""

    title: str = field(default="Hi", metadata=option("A title"))
    count: int = field(default=2, metadata=option("A count", minimum=1, maximum=10))
    size: float = field(default=18.0, metadata=option("A size", minimum=12.0))
    loud: bool = field(default=False, metadata=option("Loud or not"))
    colours: tuple[str, ...] = field(default=("red",), metadata=option("Colours | used", choices=("red", "blue")))


def read(**table: object) -> dict[str, object]:
    return read_options(Sample, table, "sample")


def refusal(**table: object) -> str:
    with pytest.raises(OptionError) as caught:
        read(**table)
    return caught.value.message


def test_values_of_the_right_type_are_kept_and_an_integer_size_becomes_a_float() -> None:
    assert read(title="Yo", count=3, size=20, loud=True, colours=["blue", "red"]) == {
        "title": "Yo",
        "count": 3,
        "size": 20.0,
        "loud": True,
        "colours": ("blue", "red"),
    }
    assert isinstance(read(size=20)["size"], float)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"count": True}, "'count' must be a number, not True"),
        ({"count": 2.5}, "'count' must be a whole number, not 2.5"),
        ({"size": float("inf")}, "'size' must be a finite number, not inf"),
        ({"size": float("nan")}, "'size' must be a finite number, not nan"),
        ({"loud": 1}, "'loud' must be true or false, not 1"),
        ({"title": 3}, "'title' must be a string, not 3"),
        ({"colours": "red"}, "'colours' must be a list of strings, not 'red'"),
        ({"colours": ["red", "green"]}, 'sample colours "green" is not one of "red", "blue"'),
        ({"count": 11}, "sample count 11 is above the maximum of 10"),
        ({"size": 11.5}, "sample size 11.5 is below the minimum of 12"),
        ({"shade": "dark"}, "unknown key 'shade' in sample (known: colours, count, loud, size, title)"),
    ],
)
def test_a_value_the_schema_refuses_says_why(table: dict[str, object], message: str) -> None:
    assert refusal(**table) == message


def test_the_refusal_names_the_key_it_is_about() -> None:
    with pytest.raises(OptionError) as caught:
        read(count=0)
    assert caught.value.keys == ("count",)


def test_documentation_gives_type_default_limits_and_meaning() -> None:
    fields = {item.name: item for item in option_fields(Sample)}
    assert (fields["size"].kind, fields["size"].default_toml, fields["size"].limits) == ("number", "18.0", "12 or more")
    assert fields["count"].limits == "1 to 10"
    assert fields["colours"].limits == 'each one of "red", "blue"'
    assert fields["loud"].default_toml == "false"
    table = options_markdown({"sample": Sample})
    assert '| `[sample] colours` | list of text | `["red"]` | each one of "red", "blue" | Colours \\| used |' in table


@dataclass(frozen=True)
class NoMetadata:
    size: float = 1.0


@dataclass
class NotFrozen:
    size: float = field(default=1.0, metadata=option("A size"))


@dataclass(frozen=True)
class NoDefault:
    size: float = field(metadata=option("A size"))


@dataclass(frozen=True)
class UnsupportedType:
    sizes: list[float] = field(default_factory=list, metadata=option("Sizes"))


@dataclass(frozen=True)
class DefaultBelowItsMinimum:
    size: float = field(default=1.0, metadata=option("A size", minimum=2.0))


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        (NoMetadata, "NoMetadata.size has no option() metadata (its documentation and limits)"),
        (NotFrozen, "NotFrozen must be a frozen dataclass (@dataclass(frozen=True))"),
        (NoDefault, "NoDefault.size has no default (every option must have one)"),
        (UnsupportedType, "UnsupportedType.sizes: type list[float] is not one of str, int, float, bool"),
        (DefaultBelowItsMinimum, "DefaultBelowItsMinimum.size: its default is refused: "),
        (dict, "is not a dataclass"),
    ],
)
def test_a_schema_the_core_cannot_read_is_refused_with_the_reason(schema: type, message: str) -> None:
    problem = schema_problem(schema)
    assert problem is not None and message in problem


def test_a_valid_schema_has_no_problem() -> None:
    assert schema_problem(Sample) is None
