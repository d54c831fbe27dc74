"""The folium elements of the live map. Each runs one script from ``js/`` (loaded
with importlib.resources) with its values passed in as one JSON object, so the
scripts stay plain JavaScript files a linter and a reader can open.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import folium
from branca.element import Element, MacroElement
from folium.template import Template

from tajikmap.looks import (
    CONTEXT_STYLE,
    DATA_ATTRIBUTION,
    HIDDEN_STYLE,
    TOWN_STYLE,
    Look,
    escape_html,
)
from tajikmap.resources import resource_text, script_source


def map_css() -> str:
    """Every map frame's rules, and where town names sit (shared with the reader's site)."""
    return resource_text("css/map.css") + resource_text("css/town_label_places.css")


def map_page_css() -> str:
    """The Map page's own layout rules (the page, not the map's frame), and :func:`prose_css`."""
    return resource_text("css/map_page.css") + prose_css()


def prose_css() -> str:
    """How text drawn as one HTML block (class "prose") is spaced, on any page."""
    return resource_text("css/prose.css")


def map_page_script(year_key: str, map_box_key: str) -> str:
    """The Map page's own scripts (the page, not the map's frame): its share menu by
    keyboard, and a year switch shown on the map at once. Without their comment
    lines, as they are resent on every rerun."""
    switch = {"yearBox": f".st-key-{year_key}", "mapBox": f".st-key-{map_box_key}"}
    return (
        f"{script_source('share_menu_keys.js')}\n({script_source('year_switch.js')})({script_json(switch)});"
    )


def script_json(value: Any) -> str:
    """JSON for a literal inside a <script>: texts are already HTML-escaped, and
    "<" is written as \\u003c so no "</script>" can end the block early."""
    return json.dumps(value, separators=(",", ":"), sort_keys=True).replace("<", "\\u003c")


class RawScript(Element):
    """Script text put into the page's script block as it is."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class ScriptElement(MacroElement):
    """Calls the function in ``js/<script>`` with the map and ``options``.

    ``map`` is the Leaflet map the element is added to, or null when its parent
    is not a map (a year's feature group, run by streamlit-folium).
    """

    script = ""
    _template = Template(
        "{% macro script(this, kwargs) %}"
        "({{ this.source }})({{ this.map_name }}, {{ this.options_json }});"
        "{% endmacro %}"
    )

    def __init__(self, options: Mapping[str, Any]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = type(self).__name__
        self.options = dict(options)
        self.options_json = script_json(self.options)
        self.source = script_source(self.script)

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # as branca's MacroElement
        """Puts the script macro's output into the page as it is. branca's
        MacroElement.render makes each macro's output a new Jinja template: on every
        rerun that compiled our scripts and options again (14 ms of a 33 ms Map
        rerun), and a text holding "{%" or "{{" would have been read as Jinja."""
        figure: Any = self.get_root()
        script = self._template.module.script(self, kwargs)
        figure.script.add_child(RawScript(script), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)

    @property
    def map_name(self) -> str:
        parent: Any = getattr(self, "_parent", None)
        return str(parent.get_name()) if isinstance(parent, folium.Map) else "null"


class GeometryLoader(ScriptElement):
    """Draws the served geometry file (context, regions and border, towns) once it
    arrives, after the map is built and framed, into layer groups made with the map
    (streamlit-folium attaches its click handler to those right after the map's script).

    Towns come from the same file: as folium markers, each of their macros was
    rendered and Jinja-compiled again on every rerun.
    """

    script = "geometry_loader.js"
    # The town drawer is passed in as a third argument, so compare mode's second map
    # (web/compare.js) and the export (compareexport.py) draw towns with the same file.
    _template = Template(
        "{% macro script(this, kwargs) %}"
        "({{ this.source }})({{ this.map_name }}, {{ this.options_json }}, ({{ this.towns_source }}));"
        "{% endmacro %}"
    )

    def __init__(self, url: str) -> None:
        super().__init__(
            {
                "url": url,
                "contextStyle": CONTEXT_STYLE,
                "hiddenStyle": HIDDEN_STYLE,
                "townStyle": TOWN_STYLE,
                "attribution": escape_html(DATA_ATTRIBUTION),
            }
        )
        self.towns_source = script_source("town_labels.js")


class YearLook(ScriptElement):
    """Applies one year's looks to the base map's registered layers and fills its legend."""

    script = "year_look.js"

    def __init__(
        self,
        looks: Mapping[str, Look],
        legend_title: str = "",
        legend_body: str = "",
        *,
        registry: str = "",
        label: str = "",
        year: int | None = None,
        switch: Mapping[int, YearLook] | None = None,
    ) -> None:
        options: dict[str, Any] = {"looks": looks_payload(looks), "legendTitle": legend_title}
        options["legendBody"] = legend_body
        # Compare mode only: which of the iframe's maps (window.<registry>), and its year label.
        options |= {"registry": registry, "label": label} if registry else {}
        # The Map only: the other years' looks, shown the moment the Year radio
        # changes (js/year_switch.js calls t.showYear), before the rerun sends them.
        if switch:
            options["year"] = str(year)
            options["years"] = {str(y): other.options for y, other in switch.items()}
        super().__init__(options)


def looks_payload(looks: Mapping[str, Look]) -> list[list[Any]]:
    """Looks as year_look.js reads them: ``[id, {mode, style, tooltip, interactive}]``, in drawing order."""
    return [
        [rid, {"mode": lk.mode, "style": lk.style, "tooltip": lk.tooltip, "interactive": lk.interactive}]
        for rid, lk in looks.items()
    ]


# Leaflet's names for a map's corners.
CORNERS = ("topleft", "topright", "bottomleft", "bottomright")


class LegendBox(ScriptElement):
    """An empty legend in a corner of the map; each year's :class:`YearLook` fills it."""

    script = "legend_box.js"

    def __init__(self, open_from_px: int = 520, position: str = "bottomleft") -> None:
        if position not in CORNERS:
            raise ValueError(f"legend position {position!r} is not one of {', '.join(CORNERS)}")
        super().__init__({"openFromPx": int(open_from_px), "position": position})


class RegionTooltips(ScriptElement):
    """Hover boxes kept inside the map's box and off its controls, closed by a click.

    Defines the binding the geometry loader and each year's looks use, so it must
    come before :class:`GeometryLoader` on the map.
    """

    script = "tooltips.js"

    def __init__(self, margin_px: int = 4) -> None:
        super().__init__({"marginPx": int(margin_px)})


class FrameFit(ScriptElement):
    """Fits ``bounds`` ((south, west), (north, east)) to the map's real size, again on
    resize until the reader moves the map, and keeps the scale bar off the credits."""

    script = "frame_fit.js"
    # Where town names go is worked out by a file of its own, which the reader's
    # static site runs too (site.py): passed in as the script's third argument.
    _template = Template(
        "{% macro script(this, kwargs) %}"
        "({{ this.source }})({{ this.map_name }}, {{ this.options_json }}, ({{ this.places_source }}));"
        "{% endmacro %}"
    )

    def __init__(self, bounds: tuple[tuple[float, float], tuple[float, float]], padding_px: int = 10) -> None:
        (south, west), (north, east) = bounds
        if not (south < north and west < east):
            raise ValueError(f"bounds must be ((south, west), (north, east)), got {bounds!r}")
        super().__init__({"bounds": [[south, west], [north, east]], "paddingPx": int(padding_px)})
        self.places_source = script_source("town_label_places.js")


# The values streamlit-folium 0.27.4 copies verbatim, in its own key order (its
# change check compares JSON text); see js/immediate_click.js.
IMMEDIATE_CLICK_KEYS = (
    "last_object_clicked_count",
    "last_object_clicked_tooltip",
    "last_object_clicked_popup",
    "all_drawings",
    "last_active_drawing",
)


class ImmediateClick(ScriptElement):
    """Reports a click on a layer to Streamlit without streamlit-folium's 250 ms
    debounce, and skips the report of its starting values that would rerun every
    page view. The project's one dependency on streamlit-folium's internals."""

    script = "immediate_click.js"

    def __init__(self) -> None:
        super().__init__({"keys": list(IMMEDIATE_CLICK_KEYS)})


class PanelIntoView(ScriptElement):
    """On a narrow screen, scrolls the page's region heading into view after a tap
    on the map, once the panel shows the new region (it is drawn under the map)."""

    script = "panel_into_view.js"

    def __init__(self, heading_selector: str, max_width_px: int = 640, give_up_ms: int = 15_000) -> None:
        options = {"headingSelector": heading_selector, "maxWidthPx": max_width_px, "giveUpMs": give_up_ms}
        super().__init__(options)
