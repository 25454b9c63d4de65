"""What the AppTest page tests share."""
import pytest

WIDGET_KINDS = ("slider", "select_slider", "number_input", "radio", "toggle", "text_input")


def find_widget(app, key):
    """The AppTest element of the widget drawn with ``key`` (AssertionError if none)."""
    for kind in WIDGET_KINDS:
        for element in app.get(kind):
            if getattr(element, "key", None) == key:
                return element
    raise AssertionError(f"no widget with key {key!r}")


@pytest.fixture
def widget():
    """``widget(app, key)``: see :func:`find_widget`."""
    return find_widget
