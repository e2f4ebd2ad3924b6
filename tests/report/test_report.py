"""The project report of the demo scene, as PDF and HTML, kept fast: small views, 4 m
grids, one date, hourly sun steps."""

import base64
import datetime as dt
import html
import io
import re

import numpy as np
import pytest

from tests.conftest import DEMO_SCENE
from twin.core.errors import Canceled, TwinError
from twin.core.feedback import Feedback
from twin.projects.model import Projects
from twin.analysis.sunlight import SunLight

PROJECT = "Îlot Saint-Géry"
FAST = {"image_size": (320, 180), "resolution": 4.0, "step_minutes": 60.0, "view_radius": 150.0,
        "sun_dates": [dt.date(2026, 6, 21)]}


@pytest.fixture(scope="module")
def scene():
    from twin.io.loading import apply_results, load_scene_data
    from twin.io.scene_file import load_scene
    s = load_scene(DEMO_SCENE)
    apply_results(load_scene_data(s))
    return s


@pytest.fixture(scope="module")
def pdf(scene, tmp_path_factory):
    from twin.report.build import build_report
    return build_report(scene, PROJECT, tmp_path_factory.mktemp("pdf") / "rapport.pdf", **FAST)


@pytest.fixture(scope="module")
def html_report(scene, tmp_path_factory):
    from twin.report.build import build_report
    steps = []
    before = (SunLight.of(scene).enabled, scene.timeline.current)
    path = build_report(scene, PROJECT, tmp_path_factory.mktemp("html") / "rapport.html",
                        Feedback(on_progress=lambda f, t: steps.append((f, t))),
                        viewpoints=[("Beffroi", (683850.0, 7021410.0, 140.0))], **FAST)
    return path, steps, before


def test_the_pdf_is_a_readable_pdf_of_several_pages(pdf):
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    pages = re.findall(rb"/Type\s*/Page\b(?!s)", data)
    assert len(pages) >= 4
    assert len(re.findall(rb"/Subtype\s*/Image", data)) >= 3 + 2 + 1     # views, sun maps, view maps
    assert not list(pdf.parent.glob(".*.part"))


def test_the_html_says_it_in_french_with_every_variant_and_the_plu_check(html_report):
    path, _, _ = html_report
    text = html.unescape(path.read_text(encoding="utf-8"))
    for heading in ("Comment lire ce rapport", "Vues 3D de chaque état", "Indicateurs et conformité au PLU",
                    "Ensoleillement", "Vues depuis l'espace public", "Point de vue : Beffroi"):
        assert heading in text
    for name in ("Existant", "A — R+3", "B — R+6"):
        assert f"<h2>{name}</h2>" in text
    assert "✔ Conforme au PLU" in text                                     # variant A
    assert re.search(r"✖ Non conforme au PLU : Hauteur 21,5 m > 18,0 m autorisés \(zone UA\)", text)
    assert "heures de soleil perdues" in text and "Cachée par la variante (m²)" in text
    assert "62041000KL0005" in text                      # the parcel north of the new building loses sun


def test_the_html_embeds_its_images(html_report):
    from PIL import Image
    path, _, _ = html_report
    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', path.read_text(encoding="utf-8"))
    assert len(images) == 3 + 2 + 1
    sizes = [Image.open(io.BytesIO(base64.b64decode(b))).size for b in images]
    assert sizes[:3] == [(320, 180)] * 3
    text = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", path.read_text(encoding="utf-8"))
    assert "<script" not in text and "http" not in text            # nothing fetched from elsewhere


def test_progress_is_french_goes_forward_and_the_scene_is_left_as_it_was(html_report, scene):
    _, steps, before = html_report
    fractions = [f for f, _ in steps]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    texts = {t for _, t in steps}
    assert {"Indicateurs et conformité au PLU", "Écriture du rapport", "Champ de vision : Beffroi"} <= texts
    assert any(t.startswith("Ensoleillement du 21 juin 2026") for t in texts)
    assert (SunLight.of(scene).enabled, scene.timeline.current) == before


def test_a_cancelled_report_leaves_no_file(scene, tmp_path):
    from twin.report.build import build_report
    def cancel_at_sun(fraction, text):
        if text.startswith("Ensoleillement"):
            fb.cancel()

    fb = Feedback(on_progress=cancel_at_sun)
    with pytest.raises(Canceled):
        build_report(scene, PROJECT, tmp_path / "rapport.pdf", fb, **FAST)
    assert list(tmp_path.iterdir()) == []


def test_unknown_project_bad_format_and_unwritable_folder_are_clear_errors(scene, tmp_path):
    from twin.report.build import build_report
    with pytest.raises(TwinError, match="no project named 'Nope'.*Îlot Saint-Géry"):
        build_report(scene, "Nope", tmp_path / "r.pdf")
    with pytest.raises(TwinError, match=r"report\.pdf or report\.html"):
        build_report(scene, PROJECT, tmp_path / "r.docx")
    (tmp_path / "file").write_text("")
    with pytest.raises(TwinError, match="cannot be written"):
        build_report(scene, PROJECT, tmp_path / "file" / "r.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_the_views_differ_where_the_new_building_stands(scene):
    from twin.report.build import _project_footprint, render_states
    proj = Projects.of(scene).project(PROJECT)
    images = render_states(scene, proj, _project_footprint(scene, proj), size=(480, 270),
                           when=dt.datetime(2026, 6, 21, 13, 0, tzinfo=dt.timezone.utc))
    assert len(images) == 3
    base, b = images[0].astype(int), images[2].astype(int)
    changed = np.abs(base - b).sum(axis=2) > 30
    rows, cols = np.nonzero(changed)
    # the camera looks at the project's centre: the new building is the middle of the picture
    assert changed[100:170, 180:300].mean() > 0.1
    assert changed.mean() < 0.1
    assert abs(rows.mean() - 135) < 40 and abs(cols.mean() - 240) < 60
    # variant B breaks the height rule: its building is drawn red
    red = (b[..., 0] > 150) & (b[..., 1] < 110) & (b[..., 2] < 110)
    assert red[changed].mean() > 0.3


def test_twin_report_on_the_command_line(tmp_path, capsys):
    from twin.cli.main import main
    out = tmp_path / "rapport.html"
    assert main(["report", str(DEMO_SCENE), "--project", PROJECT, "--out", str(out), "--dates", "2026-12-21",
                 "--resolution", "4"]) == 0
    assert out.is_file() and "21 décembre 2026" in out.read_text(encoding="utf-8")
    assert main(["report", str(DEMO_SCENE), "--project", "Nope", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "Îlot Saint-Géry" in capsys.readouterr().err
    with pytest.raises(SystemExit) as bad_date:
        main(["report", str(DEMO_SCENE), "--project", PROJECT, "--out", str(out), "--dates", "2026-13-01"])
    assert bad_date.value.code == 2 and "date must look like 2026-06-21" in capsys.readouterr().err
