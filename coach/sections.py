"""The registry of coach's top-level sections: adding a section is one entry in `SECTIONS`.

An entry gives the section its mode, its one name, its key, the line the palette and the key's
tooltip show, the paragraph the help dialog shows, a shorter name for narrow terminals, and how to
build its screen from the services. The app, the section bar, the command palette and the help
dialog all read from here, so nothing else needs to change.

Nothing here imports Textual: each screen factory imports its screen module only when the section
is first opened, so starting coach doesn't import every screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from coach.values import value_type

if TYPE_CHECKING:
    from textual.screen import Screen

    from coach.services import Services

ScreenFactory = Callable[["Services"], "Screen[None]"]
"""Builds a section's screen from the services (importing the screen's module when called)."""


@value_type
class Section:
    """One top-level section."""

    mode: str
    """The Textual mode name; also the id of its key binding (`go-<mode>`)."""
    title: str
    """The section's one name: in the bar, the palette, the help dialog and on the screen."""
    key: str
    """The key that opens it, from anywhere."""
    about: str
    """One line: what it is for (palette, the key's tooltip)."""
    help: str = ""
    """The help dialog's paragraph (`about` when empty)."""
    short: str = ""
    """A shorter name, used only when the terminal is too narrow for the full one."""
    screen: ScreenFactory | None = None
    """Builds the screen; None shows the "not built yet" screen."""

    @property
    def help_text(self) -> str:
        return self.help or self.about

    @property
    def short_title(self) -> str:
        return self.short or self.title


def _home(services: Services) -> Screen[None]:
    from coach.screens.home import HomeScreen

    return HomeScreen(
        services.fears,
        lambda: services.today,
        walkthrough=lambda: services.walkthrough,
        reflections=lambda: services.reflections,
    )


def _fear_monger(services: Services) -> Screen[None]:
    from coach.screens.fears import FearScreen

    return FearScreen(services.fears)


def _goal(services: Services) -> Screen[None]:
    from coach.screens.goal import GoalScreen

    return GoalScreen(services.goals)


def _people(services: Services) -> Screen[None]:
    from coach.screens.people import PeopleScreen

    return PeopleScreen(services.people, imports=lambda: services.imports)


def _outreach(services: Services) -> Screen[None]:
    from coach.screens.outreach import OutreachScreen

    return OutreachScreen(services.outreach, services.people, services.ledger)


def _interviews(services: Services) -> Screen[None]:
    from coach.screens.interviews import InterviewsScreen

    return InterviewsScreen(services.interviews, services.walkthrough, services.reflections, outreach=services.outreach)


def _review(services: Services) -> Screen[None]:
    from coach.screens.review import ReviewScreen

    return ReviewScreen(services.reviews, services.goals)


def _careers(services: Services) -> Screen[None]:
    from coach.screens.careers import CareersScreen

    return CareersScreen(services.careers)


SECTIONS: tuple[Section, ...] = (
    Section(
        "home",
        "Home",
        "f2",
        "Today at a glance, and where to start.",
        help="Today at a glance: what you've written down, what's due, and where to start.",
        screen=_home,
    ),
    Section(
        "fears",
        "Fear Monger",
        "f3",
        "Write down the worries, count them, and see which ever came true.",
        help=(
            "Write down each worry that keeps you from reaching out, exactly as it sounds in your head. "
            "No need to argue with it. Later, after you've reached out, note what really happened."
        ),
        short="Fears",
        screen=_fear_monger,
    ),
    Section(
        "goals",
        "Goal",
        "f4",
        "A small, forgiving target: say two people a day, or five e-mails at a time.",
        help=(
            "One small goal: pick one of the method's or set your own numbers. Progress counts itself from "
            "what you log under Outreach (F6), and the strength forgives a missed day. p plans when and where; "
            "a new goal keeps the old one under Earlier goals (h, then Enter to read one)."
        ),
        screen=_goal,
    ),
    Section(
        "people",
        "People",
        "f5",
        "Everyone you might talk to, from safe and warm to cold, and who led to whom.",
        help=(
            "Everyone you might talk to, warmest first: start with the safe people, friends and family, and move "
            "outward to strangers as it gets easier. Type to search; r shows who introduced whom."
        ),
        screen=_people,
    ),
    Section(
        "outreach",
        "Outreach",
        "f6",
        "Each call, e-mail or message you sent, and the follow-ups due.",
        help=(
            "Type who, then Tab through how, when, your guess of a yes and a note; Enter logs it. "
            "↓ goes to the log: a notes the answer when it comes. Enter on someone in Follow-ups due puts "
            "them in the form. Ctrl+T or m writes a short message for you to send; coach never sends it."
        ),
        screen=_outreach,
    ),
    Section(
        "interviews",
        "Interviews",
        "f7",
        "Prepare questions, walk through it beforehand, reflect afterwards.",
        help=(
            "Every conversation you plan, the next one first, with how ready you are for it. n plans one "
            "(y starts from someone who said yes). On an interview: Enter or p prepares it (aims, questions, "
            "notes, logistics), c shows the one-page cheat sheet, w walks through it just before you go, "
            "and r reflects afterwards. s sets its status (done, cancelled, ...), e changes it, d removes it."
        ),
        screen=_interviews,
    ),
    Section(
        "review",
        "Weekly Review",
        "f8",
        "Once a week: what you did, what you learned, what's next.",
        help=(
            "The week at a glance: who you asked and how many said yes (beside the yes you expected), the "
            "conversations, follow-ups, fears and your goal, each beside the four weeks before, and what your "
            "reflections taught you. [ and ] (or ← →) browse the weeks, t comes back to this one. g walks you "
            "through three short moves (clear, current, ahead) and saves as you go; o opens a saved review again."
        ),
        short="Review",
        screen=_review,
    ),
    Section(
        "careers",
        "Careers",
        "f9",
        "The three or four careers you're exploring, side by side.",
        help=(
            "The careers you're weighing up, each with what draws you and what you still want to know. n adds one, "
            "Enter opens it: the conversations held about it, who is still to talk to, what you learned and whether "
            "it felt more or less attractive afterwards, and four fit gauges you rate 1-5 (0 clears). c sets them "
            "side by side; an option with fewer than two conversations is flagged: it's still a guess. "
            "e edits, d removes, Shift+↑↓ changes the order."
        ),
        screen=_careers,
    ),
)
"""Every section, in key order."""
