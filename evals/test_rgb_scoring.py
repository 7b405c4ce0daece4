"""How the RGB suite reads an answer (no model involved)."""

from __future__ import annotations

from evals.rgb import contains, states_answer

DATE = [["November 21 1998", "Nov 21, 1998", "November 21, 1998", "21 November 1998"]]


def test_an_answer_written_another_way_is_told_apart_from_another_answer() -> None:
    """A negative item answered with its own answer in other words (its distractors state it after all) is
    not an invention; another date, another year, a year alone or another name is."""
    assert not contains("It was released on November 21 of 1998 in Japan.", DATE)
    assert states_answer("It was released on November 21 of 1998 in Japan.", DATE)
    assert states_answer("God of War is launching on 21st November 1998.", DATE)
    assert states_answer("The season will premiere November 21.", DATE)  # no year written: no other year
    assert not states_answer("It was released on November 21, 1999.", DATE)
    assert not states_answer("It was released on November 23, 1998.", DATE)
    assert not states_answer("It was released in 1998.", DATE)
    assert states_answer("starring Liu Yifei as Mulan", [["Yifei Liu"]])
    assert states_answer("from director Cristophe Gans", [["Christophe Gans"]])
    assert not states_answer("bought by Marvin Davis and his family", [["Disney"]])
    assert not states_answer("Gansu province", [["Christophe Gans"]])
    assert not states_answer("She married 21 days later.", DATE)  # "married" is no month
    assert not states_answer("The deal was worth two billion.", [["$1.5 billion"]])  # a figure has no surname
