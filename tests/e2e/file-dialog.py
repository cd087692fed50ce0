#!/usr/bin/python3
"""Answers the app's GTK file dialog as a person would, through the accessibility bus (AT-SPI).

Waits for the dialog titled TITLE, puts PATH in its file name field (an Open dialog shows that
field on Ctrl+L) and reads it back, presses Save, Open or Select (a folder dialog), says Replace when GTK asks before
replacing a file, and waits until the dialog is gone. With --as-suggested it saves under the name
the dialog suggests and prints that name; with --cancel it presses Cancel.
Every step waits for what it needs, never for a fixed time; when something does not come it says
which in one line on stderr and exits 1.

Usage: file-dialog.py TITLE (PATH | --as-suggested | --cancel) [--replace]
"""

import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

TIMEOUT_S = 20
CONTROL_MASK = 1 << 2


def until(what, check):
    """check()'s first truthy answer, asked every 50 ms; exits naming `what` after TIMEOUT_S."""
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            found = check()
        except GLib.Error:
            # An accessible that went away while being read: look again.
            found = None
        if found:
            return found
        time.sleep(0.05)
    sys.exit(f"file-dialog: timed out waiting for {what}")


def children(node):
    return (child for child in (node.get_child_at_index(i) for i in range(node.get_child_count())) if child)


def descendants(node):
    for child in children(node):
        yield child
        yield from descendants(child)


def window(role, name=None):
    """A top-level window of any application, by role and (when given) title."""
    for app in children(Atspi.get_desktop(0)):
        for found in children(app):
            if found.get_role_name() == role and name in (None, found.get_name()):
                return found
    return None


def has(node, state):
    return node.get_state_set().contains(state)


def shown(dialog, role, name=None):
    """The first showing descendant of `dialog` with `role` (and `name`)."""
    for node in descendants(dialog):
        if node.get_role_name() == role and name in (None, node.get_name()) and has(node, Atspi.StateType.SHOWING):
            return node
    return None


def file_name_field(dialog):
    field = shown(dialog, "text")
    return field if field and has(field, Atspi.StateType.EDITABLE) else None


def press(button):
    # A GTK button has one action, its click.
    Atspi.Action.do_action(button, 0)


def show_location_field(dialog):
    """Ctrl+L, typed into the dialog once it has the keyboard (focusing a widget presents its window)."""
    Atspi.Component.grab_focus(until("its file list", lambda: shown(dialog, "table")))
    until("the dialog to have the keyboard", lambda: has(dialog, Atspi.StateType.ACTIVE))
    Atspi.generate_keyboard_event(CONTROL_MASK, None, Atspi.KeySynthType.LOCKMODIFIERS)
    Atspi.generate_keyboard_event(ord("l"), None, Atspi.KeySynthType.SYM)
    Atspi.generate_keyboard_event(CONTROL_MASK, None, Atspi.KeySynthType.UNLOCKMODIFIERS)


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    title, path, replace = argv[1], argv[2], "--replace" in argv[3:]
    dialog = until(f"the file dialog {title!r}", lambda: window("file chooser", title))
    if path == "--cancel":
        press(until("its Cancel button", lambda: shown(dialog, "push button", "Cancel")))
    else:
        if file_name_field(dialog) is None:
            show_location_field(dialog)
        field = until("its file name field", lambda: file_name_field(dialog))
        if path == "--as-suggested":
            print(until("the suggested name", lambda: Atspi.Text.get_text(field, 0, -1)))
        else:
            Atspi.EditableText.set_text_contents(field, path)
            until(f"{path!r} in its file name field", lambda: Atspi.Text.get_text(field, 0, -1) == path)
        press(until("its Save, Open or Select button", lambda: next(
            filter(None, (shown(dialog, "push button", label) for label in ("Save", "Open", "Select"))), None)))
        if replace:
            # GTK asks in an alert of its own before replacing an existing file.
            alert = until("GTK's question before replacing", lambda: window("alert"))
            press(until("its Replace button", lambda: shown(alert, "push button", "Replace")))
    until(f"the file dialog {title!r} to close", lambda: window("file chooser", title) is None)


if __name__ == "__main__":
    main(sys.argv)
