"""Two replicas behind HAProxy (deploy/haproxy.cfg), as docker-compose.yml runs them, in Chromium.

Each test starts its own two ``streamlit run app.py`` replicas and HAProxy in
front (:func:`benchmarks.replicas.replicated_app`: the deploy's configuration
with local ports), and every tab goes through HAProxy. Which replica a tab is
on is read from HAProxy's sticky cookie and checked against the replicas' own
session counts. Needs ``haproxy`` (``apt-get install -y haproxy``).
"""
import re
import shutil
import time
import urllib.error
import urllib.request

import pytest

from benchmarks import harness
from benchmarks.replicas import replica_of, replicated_app
from seq2seq_core.checkpoint import load_checkpoint
from seq2seq_core.exports import metrics_csv
from seq2seq_core.i18n import t
from seq2seq_core.kinds import DEFAULT_KIND
from seq2seq_core.run import run_label
from seq2seq_core.runs import STEP_ITERATIONS

TRAINING_QUERY = "hidden=8&batch=10"  # small: a step takes a moment
INTERACTIONS = 20
AWAY = ("batches", "accuracy", "hidden_states", "broadcasting")
MAIN = '[data-testid="stMain"]'
CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
_ITERATION = re.compile(r"(\d[\d,]*) / ")

pytestmark = pytest.mark.skipif(shutil.which("haproxy") is None,
                                reason="haproxy is not installed (apt-get install -y haproxy)")


@pytest.fixture
def replicas(tmp_path):
    """Two replicas, ``app1`` and ``app2``, and HAProxy in front, for this test alone."""
    with replicated_app(2, ports=harness.TEST_PORTS, log_dir=tmp_path) as running:
        yield running
        errors = {name: found for name, found in running.script_errors().items() if found}
    assert not errors, f"script runs failed on a replica (logs in {tmp_path}): {errors}"


def moved_notice(lang, before, now):
    """The notice of a student moved from replica ``before`` to ``now``, as the page shows it."""
    return t("shell.replica_moved", lang, before=before, now=now).replace("`", "")


def first_run(lang):
    return run_label(1, lang, kind=DEFAULT_KIND)


class Student:
    """A browser context of its own on the class's address (HAProxy): one student's session."""

    def __init__(self, new_tab, replicas, path="/", lang="en", query=""):
        self.app = new_tab(replicas.url)
        self.page, self.lang = self.app.page, lang
        self.websockets = 0  # more than one: the page lost its connection and reopened it
        self.page.on("websocket", self._opened)
        self.app.open(path, lang=lang, query=query)
        self.replica = replica_of(self.page.context)

    def _opened(self, websocket):
        self.websockets += 1

    def wait_for_reconnect(self, timeout=60.0):
        """Wait until the page has opened a second websocket and is connected again."""
        deadline = time.perf_counter() + timeout
        while self.websockets < 2:
            assert time.perf_counter() < deadline, "the page did not reconnect"
            self.page.wait_for_timeout(100)  # lets Playwright deliver the page's events
        self.page.locator(CONNECTED).wait_for(timeout=timeout * 1000)

    def text(self):
        return self.page.locator(MAIN).inner_text()

    def shows_a_notice(self):
        """bool: the page shows either replica notice, in its language."""
        text = self.text()
        moved_start = moved_notice(self.lang, "\x00", "\x00").split("\x00")[0]
        return moved_start in text or t("shell.session_lost", self.lang) in text

    def switch_language(self, lang):
        """Choose ``lang`` with the sidebar's language switch."""
        sidebar = self.page.locator('[data-testid="stSidebar"]')
        sidebar.get_by_text(t(f"shell.language.{lang}", self.lang), exact=True).click()
        self.app.wait()
        self.lang = lang

    def step(self):
        """Press Step and wait until the run has stopped; return the iteration it shows."""
        self.page.locator(".st-key-train_step button").click()
        self.page.locator(".st-key-train_start button:not([disabled])").wait_for(timeout=60_000)
        self.app.wait()
        return self.iteration()

    def iteration(self):
        """int: the iteration the progress bar shows."""
        progress = self.page.locator('[data-testid="stProgress"]').inner_text()
        return int(_ITERATION.search(progress).group(1).replace(",", ""))

    def use_run(self):
        self.page.locator(".st-key-train_use_run button").click()
        self.app.wait()

    def follow_menu_link(self, name):
        """Go to page ``name`` through the sidebar's menu: the same session, over its websocket."""
        self.page.locator(f'[data-testid="stSidebarNav"] a[href$="/{name}"]').click()
        self.page.wait_for_function("(name) => location.pathname.endsWith('/' + name)",
                                    arg=name, timeout=30_000)
        self.app.wait()

    def download_model(self):
        """bytes of the model the training page's download button gives (served by /media)."""
        with self.page.expect_download(timeout=60_000) as download:
            self.page.locator(".st-key-train_download_model button").click()
        return download.value.path().read_bytes()

    def upload(self, name, content):
        """Upload a checkpoint on the training page (an HTTP PUT to the session's replica)."""
        self.page.locator(".st-key-train_upload input[type=file]").set_input_files(
            files=[{"name": name, "mimeType": "application/octet-stream", "buffer": content}])
        self.app.wait()

    def runs_in_chart(self):
        """str: the legend of the runs' comparison chart ("" when it is not drawn)."""
        chart = self.page.locator(".st-key-train_compare_chart")
        return chart.inner_text() if chart.count() else ""


def students_on_each_replica(new_tab, replicas, count, **open_args):
    """Open ``count`` students; return them grouped by the replica each landed on."""
    by_replica = {name: [] for name in replicas.servers}
    for _ in range(count):
        student = Student(new_tab, replicas, **open_args)
        by_replica[student.replica].append(student)
    return by_replica


def test_new_sessions_spread_over_both_replicas_and_each_is_where_its_cookie_says(
        new_tab, replicas):
    by_replica = students_on_each_replica(new_tab, replicas, 4)
    assert all(by_replica.values()), f"every new session on one replica: {by_replica}"
    # Each replica holds exactly the sessions whose cookie names it.
    assert replicas.sessions() == {name: len(found) for name, found in by_replica.items()}
    assert not any(student.shows_a_notice() for found in by_replica.values() for student in found)
    # The metrics endpoint stays inside: HAProxy refuses it, the replicas still answer it.
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{replicas.url}/_stcore/metrics", timeout=10)
    assert refused.value.code == 403


def test_a_trained_run_survives_20_interactions_on_its_replica(new_tab, replicas):
    # A session on the other replica: a request sent there would find no such session.
    other = Student(new_tab, replicas)
    student = Student(new_tab, replicas, "/training", query=TRAINING_QUERY)
    assert {other.replica, student.replica} == set(replicas.servers)
    interactions = 0
    for round_number in range(INTERACTIONS // 5):  # five interactions a round
        iteration = student.step()
        assert iteration == (round_number + 1) * STEP_ITERATIONS
        student.use_run()  # the run becomes the model the pages show
        student.follow_menu_link(AWAY[round_number % len(AWAY)])
        student.follow_menu_link("training")
        assert first_run("en") in student.runs_in_chart()
        content = student.download_model()
        model = load_checkpoint(content)
        assert model.hyperparameters.hidden == 8
        assert metrics_csv(model.history).count("\n") - 1 == iteration
        interactions += 5
    assert interactions == INTERACTIONS
    student.upload("run1.npz", content)
    label = run_label(2, "en", "run1.npz", DEFAULT_KIND)
    assert t("training.upload.loaded", "en", name="run1.npz", label=label) in student.text()
    assert first_run("en") in student.runs_in_chart()
    # Never reconnected, never moved, never told it had.
    assert (student.websockets, other.websockets) == (1, 1)
    assert replica_of(student.page.context) == student.replica
    assert not student.shows_a_notice()


def test_a_stopped_replica_sends_its_students_to_the_other_with_a_notice(new_tab, replicas):
    by_replica = students_on_each_replica(new_tab, replicas, 3, path="/training",
                                          query=TRAINING_QUERY)
    stopped, kept = sorted(by_replica, key=lambda name: -len(by_replica[name]))
    idle, training = by_replica[stopped]
    (unaffected,) = by_replica[kept]
    for student in (idle, training, unaffected):
        student.step()
    idle.follow_menu_link("batches")  # the run stays in the session, on the replica
    idle.switch_language("ko")  # both languages: the idle student reads Korean
    training.page.locator(".st-key-train_start button").click()  # a live run: charts redraw
    training.page.locator(".st-key-train_pause button:not([disabled])").wait_for(timeout=30_000)

    replicas.stop(stopped)

    # A page whose charts redraw asks for a whole rerun once it has reconnected: told at once.
    training.page.get_by_text(moved_notice("en", stopped, kept)).wait_for(timeout=60_000)
    training.app.wait()
    assert training.websockets == 2 and replica_of(training.page.context) == kept
    assert t("training.runs.none", "en") in training.text()
    # A page with nothing to redraw reconnects too, but shows what it showed until the
    # student's next click, which runs on the other replica in a fresh session that says so.
    idle.wait_for_reconnect()
    assert not idle.shows_a_notice()
    idle.page.locator(".st-key-batches_seed input[type=range]").press("ArrowRight")
    idle.app.wait()
    assert moved_notice("ko", stopped, kept) in idle.text()
    idle.follow_menu_link("training")
    assert t("training.runs.none", "ko") in idle.text()
    # Said once. The student carries on there: a new run, and an upload (XSRF-checked).
    assert idle.step() == STEP_ITERATIONS
    assert not idle.shows_a_notice()
    assert first_run("ko") in idle.runs_in_chart()
    idle.upload("run.npz", idle.download_model())
    assert run_label(2, "ko", "run.npz", DEFAULT_KIND) in idle.runs_in_chart()
    assert replica_of(idle.page.context) == kept

    # The other replica's student lost nothing and was told nothing.
    assert unaffected.websockets == 1 and not unaffected.shows_a_notice()
    assert unaffected.step() == 2 * STEP_ITERATIONS
    assert first_run("en") in unaffected.runs_in_chart()
    assert replica_of(unaffected.page.context) == kept
