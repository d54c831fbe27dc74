"""Print images: exact sizes, each region's colour where the region is, real text in SVG/PDF."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

from tajikmap import cli
from tajikmap.credits import article_citation
from tajikmap.dataset import Dataset
from tajikmap.images import PNG_WIDTH_PX, blend, draw_map, render_image
from tajikmap.imagestyle import SizeName
from tajikmap.looks import legend, year_looks
from tajikmap.testing import inner_points

SVG_NS = "{http://www.w3.org/2000/svg}"


def _svg_text(svg: bytes) -> str:
    """All text the SVG draws as text, whitespace-normalised (wrapped lines rejoined)."""
    root = ET.fromstring(svg)
    words = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG_NS}text"))
    return " ".join(words.split())


def _evil(dataset: Dataset, name: str) -> Dataset:
    region = dataset.regions["kulyab"]
    return Dataset(
        sources=dataset.sources,
        actors=dataset.actors,
        regions={**dataset.regions, "kulyab": region.model_copy(update={"name": name})},
        facts=dataset.facts,
        geodata=dataset.geodata,
        display=dataset.display,
    )


@pytest.mark.parametrize("size", ["column", "page"])
def test_png_is_2400_px_wide_column_tall_page_wide(dataset: Dataset, size: str) -> None:
    image = Image.open(io.BytesIO(render_image(dataset, 2021, None, "png", size)))  # type: ignore[arg-type]
    width, height = image.size
    assert width == PNG_WIDTH_PX
    assert (height > width) if size == "column" else (height < width)


@pytest.mark.parametrize("year", [1997, 2021])
def test_png_shows_each_region_in_its_colour_where_it_is(dataset: Dataset, year: int) -> None:
    drawn = draw_map(dataset, year)
    out = io.BytesIO()
    drawn.figure.savefig(out, format="png", dpi=drawn.figure.dpi)
    image = Image.open(out).convert("RGB")
    looks = year_looks(dataset, year)
    checked = 0
    for rid, look in looks.items():
        if look.mode != "active" or dataset.geodata.layers[rid].kind != "region" or rid == "afghanistan":
            continue
        want = blend(str(look.style["fillColor"]), float(look.style["fillOpacity"]))
        rgb = tuple(int(want[i : i + 2], 16) for i in (1, 3, 5))
        # Labels and towns cover some interior points; the region's colour must show at one of them.
        seen = [image.getpixel(drawn.pixel(lon, lat)) for lat, lon in inner_points(rid)]
        assert rgb in seen, f"{rid}: {want} not found inside it ({seen[:3]} …)"
        checked += 1
    assert checked >= 3


def test_svg_keeps_title_legend_and_credits_as_text(dataset: Dataset) -> None:
    svg = render_image(dataset, 1997, "kulyab", "svg", "page")
    text = _svg_text(svg)
    assert "Who holds sway, 1997: Kulyab" in text
    for entry in legend(dataset, 1997):
        assert f"{entry.label}: {', '.join(entry.regions)}" in text
    assert "Dashed outline: approximate boundary" in text
    assert "Selected: Kulyab" in text
    assert "Natural Earth" in text and "GeoNames (CC BY 4.0)" in text
    (source,) = dataset.source_for_year(1997)
    assert " ".join(article_citation(source).split()) in text
    # Approximate regions are dashed; glyphs are not drawn as paths (no <use> of glyph defs).
    assert b"stroke-dasharray" in svg
    assert not re.search(rb"<use[^>]+DejaVu", svg)


def test_pdf_embeds_truetype_text_not_outlines(dataset: Dataset) -> None:
    pdf = render_image(dataset, 2021, "panjshir", "pdf", "column")
    assert pdf.startswith(b"%PDF")
    assert b"/FontFile2" in pdf and b"/Type3" not in pdf


def test_data_text_is_printed_literally(dataset: Dataset) -> None:
    name = "$x^2$ <script>alert(1)</script> & Kulyab"
    svg = render_image(_evil(dataset, name), 1997, "kulyab", "svg", "column")
    text = _svg_text(svg)  # parses as XML: the markup was escaped
    assert f"Who holds sway, 1997: {name}" in text
    assert ET.fromstring(svg).find(f".//{SVG_NS}script") is None


def test_bad_view_or_format_is_refused(dataset: Dataset) -> None:
    with pytest.raises(ValueError, match="no layer in 2021"):
        render_image(dataset, 2021, "kulyab")
    with pytest.raises(ValueError, match="not in the data"):
        render_image(dataset, 1900)
    with pytest.raises(ValueError, match="image format"):
        render_image(dataset, 2021, None, "gif")  # type: ignore[arg-type]


def test_cli_writes_images_and_nothing_on_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "map.png"
    args = ["export", "--format", "png", "--year", "1997", "--region", "kulyab", "--size", "page"]
    assert cli.main([*args, "--out", str(out)]) == 0
    assert Image.open(out).size[0] == PNG_WIDTH_PX
    bad = tmp_path / "bad.svg"
    bad_args = ["export", "--format", "svg", "--year", "2021", "--region", "kulyab", "--out", str(bad)]
    assert cli.main(bad_args) == 1
    assert "no layer in 2021" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [out]  # no partial file left behind


def _rgb(hex_color: str) -> tuple[int, ...]:
    return tuple(int(hex_color[i : i + 2], 16) for i in (1, 3, 5))


def test_compare_draws_both_years_side_by_side(dataset: Dataset) -> None:
    png = render_image(dataset, 1997, "kulyab", "png", "column", compare=(1997, 2021))
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size[0] == PNG_WIDTH_PX and image.size[1] < image.size[0] * 1.2  # two columns wide
    colours = {image.getpixel((x, y)) for x in range(0, image.size[0], 3) for y in range(0, image.size[1], 3)}
    for year in (1997, 2021):
        # A holder only this year has: its colour must be painted on the one image.
        others = {look.style.get("fillColor") for look in year_looks(dataset, 1997 + 2021 - year).values()}
        own = [
            look
            for look in year_looks(dataset, year).values()
            if look.mode == "active"
            and look.style.get("fillColor") not in others
            and look.style.get("fillOpacity")
        ]
        assert own, f"{year} has no colour of its own to look for"
        want = blend(str(own[0].style["fillColor"]), float(own[0].style["fillOpacity"]))
        assert _rgb(want) in colours, f"{year}'s {want} is not painted"
    text = _svg_text(render_image(dataset, 1997, "kulyab", "svg", "page", compare=(1997, 2021)))
    assert "Who holds sway, 1997: Kulyab" in text and "Who holds sway, 2021" in text
    for year in (1997, 2021):
        for entry in legend(dataset, year):
            assert entry.label in text


def test_compare_export_refuses_one_year_twice_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "cmp.png"
    code = cli.main(["export", "--format", "png", "--compare", "1997,1997", "--out", str(out)])
    assert code == 1 and not out.exists() and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("size", ["column", "page"])
@pytest.mark.parametrize(("year", "region"), [(1997, None), (2021, "panjshir")])
def test_the_legend_clears_the_map_and_the_footer(
    dataset: Dataset, year: int, region: str | None, size: SizeName
) -> None:
    """Nothing printed over anything else: the legend's box (title, sway note and every
    entry) stays off the credits line and, when under it, off the map."""
    drawn = draw_map(dataset, year, region, size)
    fig = drawn.figure
    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # laid out as savefig lays it out
    renderer = canvas.get_renderer()
    (legend_box,) = [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    legend = legend_box.get_window_extent(renderer)
    footers = [t for t in fig.texts if "GeoNames" in t.get_text()]
    assert len(footers) == 1
    footer = footers[0].get_window_extent(renderer)
    assert legend.y0 > footer.y1  # display coordinates: y grows upwards
    map_box = drawn.ax.get_window_extent(renderer)
    if legend.x0 < map_box.x1 and legend.x1 > map_box.x0:  # under the map, not beside it
        assert legend.y1 < map_box.y0
