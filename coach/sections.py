"""The top-level sections of coach: their mode names, keys and what each is for. No Textual here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """One top-level section: its mode name, title, key and what it is for."""

    mode: str
    title: str
    key: str
    about: str
    label: str = ""
    """The name in the section bar and footer (the title when empty)."""
    short: str = ""
    """The name when the terminal is narrow."""

    @property
    def bar_entry(self) -> tuple[str, str, str, str]:
        name = self.label or self.title
        return (self.mode, self.key, name, self.short or name)


SECTIONS: tuple[Section, ...] = (
    Section("home", "Home", "f2", "Today at a glance, and where to start."),
    Section("fears", "Fear Monger", "f3", "Write down the worries, count them, and see which ever came true.", "Fears"),
    Section("goals", "Goal", "f4", "A small, forgiving target: say two people a day, or five e-mails at a time."),
    Section("people", "People", "f5", "Everyone you might talk to, from safe and warm to cold, and who led to whom."),
    Section(
        "outreach", "Outreach", "f6", "Each call, e-mail or message you sent, and the follow-ups due.", short="Reach"
    ),
    Section(
        "interviews",
        "Interviews",
        "f7",
        "Prepare questions, walk through it beforehand, reflect afterwards.",
        short="Meet",
    ),
    Section("review", "Weekly Review", "f8", "Once a week: what you did, what you learned, what's next.", "Review"),
    Section("careers", "Careers", "f9", "The three or four careers you're exploring, side by side."),
)

SECTION_BAR = tuple(section.bar_entry for section in SECTIONS)
"""(mode, key, name, short name) for the section bar on every screen."""
