"""The footer every section shows: the screen's keys in one line, drawn by one widget."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from textual import events
from textual.content import Content
from textual.style import Style
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen


class ShownKey(NamedTuple):
    """One key the footer shows."""

    key: str
    display: str
    """The key as the footer names it ("F1", "Ctrl+Q")."""
    description: str
    enabled: bool
    action: str


KEY_META = "coach-footer-key"
"""The meta entry naming the key a cell of the footer belongs to."""

Signature = tuple[tuple[ShownKey, ...], ShownKey | None]
"""The screen's own keys, and the palette's key (shown at the right end), if any."""


def shown_keys(screen: Screen[object]) -> Signature:
    """What the footer on `screen` shows: each action's first shown binding, in the screen's order, and
    the command palette's key apart (as Textual's own `Footer` does)."""
    app = screen.app
    palette_key = app.COMMAND_PALETTE_BINDING if app.ENABLE_COMMAND_PALETTE else None
    keys: list[ShownKey] = []
    actions: set[str] = set()
    palette: ShownKey | None = None
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if key == palette_key:
            palette = ShownKey(key, app.get_key_display(binding), binding.description, active.enabled, binding.action)
        elif binding.show and binding.action not in actions:
            actions.add(binding.action)
            keys.append(
                ShownKey(key, app.get_key_display(binding), binding.description, active.enabled, binding.action)
            )
    return tuple(keys), palette


class SteadyFooter(Widget, can_focus=False):
    """The screen's keys, as Textual's compact `Footer` shows them (click one to press it), in one widget
    drawn at paint time instead of a scrolling container of one widget per key (which cost each screen's
    first frame about a twentieth of a start). It is drawn again only when the keys on show change, not
    each time its screen is shown or focus moves."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    SteadyFooter {
        dock: bottom;
        width: 1fr;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    KEY_STYLE = "bold $footer-key-foreground"
    DESCRIPTION_STYLE = "$footer-description-foreground"
    EDGE_STYLE = "$foreground 20%"
    HOVER_STYLE = "on $block-hover-background"
    ALWAYS_SHOWN = frozenset({"help", "app.help"})
    """The actions whose key stays when the keys don't all fit (the help lists every key)."""

    def __init__(self) -> None:
        super().__init__()
        # Not link-styled: a link's colour would cover the key's and the description's own; the key under
        # the pointer is shown by `_hover` instead.
        self.set_reactive(Widget.auto_links, False)
        self._hover: str | None = None
        """The key under the mouse pointer."""
        self._keys: Signature = ((), None)
        """The keys on show."""
        self._drawn: tuple[int, Signature, str | None, Content] | None = None
        """(width, keys, the key under the pointer, the line laid out for them), once painted."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self._keys = shown_keys(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not (screen.app.app_focus and self.is_attached and screen is self.screen):
            return
        keys = shown_keys(screen)
        if keys != self._keys:
            self._keys = keys
            self.refresh()

    @property
    def keys(self) -> Signature:
        """The keys on show: (the screen's keys, the palette's key or None)."""
        return self._keys

    def render(self) -> Content:
        width = self.size.width
        drawn = self._drawn
        if drawn is None or drawn[0] != width or drawn[1] is not self._keys or drawn[2] != self._hover:
            drawn = self._drawn = (width, self._keys, self._hover, self._line(width))
        return drawn[3]

    def _line(self, width: int) -> Content:
        keys, palette = self._keys
        line = Content(" ").join(self._item(shown) for shown in keys)
        if palette is None:
            return line
        end = Content.assemble(("▏", self.EDGE_STYLE), self._item(palette))
        room = width - end.cell_length
        if line.cell_length > room:
            # Whole keys only, the last ones left out first but never the help key (it lists them all),
            # then a mark that there are more.
            kept = list(keys)
            while self._fitted(kept).cell_length > room:
                droppable = [at for at, shown in enumerate(kept) if shown.action not in self.ALWAYS_SHOWN]
                if not droppable:
                    break
                del kept[droppable[-1]]
            line = self._fitted(kept)[: max(0, room)]
        return line.pad_right(room - line.cell_length) + end

    def _fitted(self, keys: list[ShownKey]) -> Content:
        return Content(" ").join([*(self._item(shown) for shown in keys), Content("…")])

    def _item(self, shown: ShownKey) -> Content:
        item = Content.assemble(
            (shown.display, self.KEY_STYLE),
            (f" {shown.description}" if shown.description else "", self.DESCRIPTION_STYLE),
        )
        if not shown.enabled:
            item = item.stylize("dim")
        elif shown.key == self._hover:
            item = item.stylize(self.HOVER_STYLE)
        return item.stylize(Style.from_meta({"@click": f"press({shown.key!r})", KEY_META: shown.key}))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._point_at(event.style.meta.get(KEY_META))

    def on_leave(self) -> None:
        self._point_at(None)

    def _point_at(self, key: str | None) -> None:
        if key != self._hover:
            self._hover = key
            self.refresh()

    def action_press(self, key: str) -> None:
        """A key clicked: pressed as if typed (a bell if it does nothing here now)."""
        for shown in (*self._keys[0], self._keys[1]):
            if shown is not None and shown.key == key:
                if shown.enabled:
                    self.app.simulate_key(key)
                else:
                    self.app.bell()
                return
