"""Live training ``/training``: hyperparameters → a background run, live charts, runs, checkpoints.

A started run trains in a thread of its own (see
:class:`~seq2seq_core.runs.RunBook`), one chunk per turn of the server's queue,
so its speed does not depend on the browser. When more sessions train than the
server lets train at once, a started run first waits in line
(:mod:`seq2seq_core.line`) and begins by itself. The page only looks: a fragment
reruns every few tenths of a second while the run trains or waits
(:mod:`seq2seq_core.figures.live`), says where it stands in line, and redraws
the progress and the charts from the run's history (without blinking, see
:mod:`pages._steady_chart`).

The buttons sit outside the fragment, so a click reruns the whole page and
starts or stops the fragment's timer: when nothing trains there is neither
timer nor thread, and an idle page costs the server nothing. A run that ends
on its own (finished, diverged, a step done) makes the fragment rerun the whole
page, to change the buttons and show the outcome. A closed tab pauses the run.
All training state is this session's :class:`~seq2seq_core.runs.RunBook`.
"""
import dataclasses

import streamlit as st

from pages._callbacks import guarded
from pages._keep import setting_args
from pages._shell import BOOK_KEY, MODEL_KEY, current_model, session_connected, setup_page
from pages._steady_chart import steady_chart_styles, steady_plotly_chart
from seq2seq_core.checkpoint import (
    CheckpointError,
    checkpoint_bytes,
    load_checkpoint,
    load_pretrained,
)
from seq2seq_core.curves import training_curves
from seq2seq_core.exports import metrics_csv
from seq2seq_core.figures.live import LiveFigures, redraw_seconds
from seq2seq_core.figures.training import comparison_figure
from seq2seq_core.i18n import t
from seq2seq_core.kinds import MODEL_KINDS
from seq2seq_core.line import TRAINING_LINE, waiting_text
from seq2seq_core.probes import probe_predictions, probe_sequences
from seq2seq_core.run import changed_fields, run_label
from seq2seq_core.runs import STEP_ITERATIONS, RunBook, display_name
from seq2seq_core.token_text import escape_markdown
from seq2seq_core.train import METRIC_NAMES, Hyperparameters, Status
from seq2seq_core.turns import TRAINING_TURNS
from seq2seq_core.url_state import LEARNING_RATES, widget_range

UPLOAD_RESULT_KEY = "training_upload_result"
LIVE_KEY = "_train_live"  # the live panel's redraw interval and the figures it drew last
TENFOLD_STEPS = 3  # LEARNING_RATES go 1-2-5, so three steps down is ten times lower

# Widget values (defaults, links, returning to the page) come from the shell and
# PAGE_SETTINGS["training"]; widgets therefore have no value= of their own,
# which also lets the "lower the learning rate" button set train_lr from a callback.
lang = setup_page("training")
if BOOK_KEY not in st.session_state:
    st.session_state[BOOK_KEY] = RunBook(turns=TRAINING_TURNS, connected=session_connected(),
                                         line=TRAINING_LINE)
book = st.session_state[BOOK_KEY]
# Before anything shows which model is current: a run that ended on its own
# (perhaps while the student was on another page) becomes it here.
model_in_use = current_model()


def chosen_hyperparameters():
    """The hyperparameters the widgets show now."""
    state = st.session_state
    min_len, max_len = state.train_lengths
    return Hyperparameters(hidden=state.train_hidden, learning_rate=state.train_lr,
                           batch_size=state.train_batch, iterations=state.train_iterations,
                           min_len=min_len, max_len=max_len, seed=state.train_seed)


def chosen_kind():
    """The model kind (a key of ``MODEL_KINDS``) the widgets show now."""
    return st.session_state.train_model


def kind_text(kind):
    return t(MODEL_KINDS[kind].label_key, lang)


def shown_settings(hyperparameters, kind):
    """dict: a run's settings by field, as the "changed settings" warning writes them."""
    return {"model": kind_text(kind)} | hyperparameters.to_dict()


def status_text(run):
    return t(f"training.status.{book.status_of(run)}", lang)


def duration_text(seconds):
    minutes, seconds = divmod(round(seconds), 60)
    if minutes:
        return t("training.minutes", lang, minutes=minutes, seconds=seconds)
    return t("training.seconds", lang, seconds=seconds)


@guarded
def start():
    book.start(chosen_hyperparameters(), kind=chosen_kind())


@guarded
def step():
    book.step(chosen_hyperparameters(), kind=chosen_kind())


@guarded
def restart():
    book.restart(chosen_hyperparameters(), kind=chosen_kind())


def last_value(curves, name, form):
    """The smoothed metric at the last iteration, or a dash for a file without history."""
    values = curves.smoothed[name]
    return form.format(values[-1]) if len(values) else "–"


@guarded
def lower_learning_rate(learning_rate):
    book.restart(dataclasses.replace(chosen_hyperparameters(), learning_rate=learning_rate),
                 kind=chosen_kind())
    st.session_state.train_lr = learning_rate


@guarded
def use_run():
    st.session_state[MODEL_KEY] = book.select(st.session_state.train_pick)


@guarded
def use_pretrained():
    st.session_state[MODEL_KEY] = load_pretrained()
    book.select_pretrained()


@guarded
def load_upload():
    uploaded = st.session_state.train_upload
    if uploaded is None:
        st.session_state.pop(UPLOAD_RESULT_KEY, None)
        return
    try:
        checkpoint = load_checkpoint(uploaded.getvalue())
    except CheckpointError as error:
        # Kept as keys, not text, so that the message follows a change of language.
        st.session_state[UPLOAD_RESULT_KEY] = {"name": display_name(uploaded.name),
                                               "reason": error.reason, "detail": error.detail}
        return
    run, snapshot = book.add_checkpoint(checkpoint, uploaded.name)
    st.session_state[MODEL_KEY] = snapshot
    st.session_state.train_pick = run.number  # the run picker shows the new current model
    st.session_state[UPLOAD_RESULT_KEY] = {"name": run.name, "number": run.number,
                                           "kind": run.kind}


def live_seconds():
    """Seconds between two redraws of the live panel with as many runs live as now."""
    return redraw_seconds(TRAINING_LINE.training() + TRAINING_LINE.waiting(), TRAINING_TURNS.slots)


def live_figures(view):
    """Loss, accuracy and probe figure dicts of ``view``; the same objects while it is still."""
    live, total = st.session_state[LIVE_KEY], view.run.hyperparameters.iterations
    drawn_of = (view.run.number, view.iteration, lang)
    if live.get("figures_of") != drawn_of:
        figures = live.setdefault("live_figures", LiveFigures())
        live["figures"] = figures.draw(view.run.number, training_curves(view.history, total),
                                       total, probe_predictions(view.model, probe_sequences()),
                                       lang)
        live["figures_of"] = drawn_of
    return live["figures"]


def live_panel():
    """The active run's progress and charts; the whole page again once it stops on its own."""
    if book.take_stopped():
        # The whole page: buttons and messages change, the timer stops, and a
        # finished run becomes the current model (see current_model()).
        st.rerun()
    seconds = st.session_state[LIVE_KEY]["seconds"]
    if seconds is not None and not seconds / 2 < live_seconds() < seconds * 2:
        st.rerun()  # the whole page: the timer takes the interval for this many trainers
    view = book.live_view()  # one iteration's history and weights, not a chunk's half
    if view is None:
        st.info(t("training.no_run", lang))
        return
    in_line = book.in_line
    if in_line is not None:  # redrawn by the timer as the line moves; gone once it trains
        st.info(waiting_text(in_line, lang), icon=":material/hourglass_top:")
    run, iteration = view.run, view.iteration
    total = run.hyperparameters.iterations
    loss, accuracy, probes = live_figures(view)
    progress = t("training.progress", lang, label=run.label(lang), status=status_text(run),
                 iteration=iteration, total=total)
    meter = book.meter
    if book.running and meter.rate:
        progress += t("training.speed", lang, rate=meter.rate)
        progress += t("training.eta", lang, duration=duration_text(meter.eta(total - iteration)))
    st.progress(iteration / total, text=progress)
    loss_column, accuracy_column = st.columns(2)
    with loss_column:
        steady_plotly_chart(loss, key="train_loss_chart")
    with accuracy_column:
        steady_plotly_chart(accuracy, key="train_accuracy_chart")
    st.caption(t("training.metrics.caption", lang))
    steady_plotly_chart(probes, key="train_probe_chart")
    st.caption(t("training.probes.caption", lang))


st.title(t("training.title", lang))
st.markdown(t("training.intro", lang))

st.subheader(t("training.settings", lang))
st.radio(t("training.model", lang), format_func=kind_text, horizontal=True,
         help=t("training.model_help", lang), **setting_args("train_model"))
left, middle, right = st.columns(3)
# Bounds and defaults come from seq2seq_core.url_state.PAGE_SETTINGS["training"].
left.slider(t("training.hidden", lang), **setting_args("train_hidden"))
left.select_slider(t("training.learning_rate", lang), **setting_args("train_lr"),
                   format_func="{:g}".format)
middle.slider(t("training.batch_size", lang), **setting_args("train_batch"))
middle.slider(t("training.iterations", lang), **setting_args("train_iterations"))
right.slider(t("training.lengths", lang), **setting_args("train_lengths"))
# The range in the label: Streamlit's own out-of-range message is in English only.
right.number_input(t("training.seed", lang, **widget_range("train_seed")),
                   **setting_args("train_seed"))

active = book.active
if active is not None and (book.running or book.is_paused):
    run_settings = shown_settings(active.hyperparameters, active.kind)
    chosen_settings = shown_settings(chosen_hyperparameters(), chosen_kind())
    changes = [
        t("training.change", lang, field=t(f"training.field.{field}", lang),
          run=run_settings[field], chosen=chosen_settings[field])
        for field in changed_fields(active.hyperparameters, chosen_hyperparameters(),
                                    active.kind, chosen_kind())
    ]
    if changes:
        st.warning(t("training.changed", lang, run=active.label(lang), changes=", ".join(changes)))
        st.button(t("training.apply", lang), key="train_apply", on_click=restart)

start_column, pause_column, step_column, reset_column = st.columns(4)
start_column.button(t("training.resume" if book.is_paused else "training.start", lang),
                    key="train_start", on_click=start, disabled=book.running, type="primary",
                    width="stretch")
pause_column.button(t("training.pause", lang), key="train_pause", on_click=guarded(book.pause),
                    disabled=not book.running, width="stretch")
step_column.button(t("training.step", lang, count=STEP_ITERATIONS), key="train_step", on_click=step,
                   disabled=book.running, width="stretch")
reset_column.button(t("training.reset", lang), key="train_reset", on_click=guarded(book.reset),
                    disabled=active is None, width="stretch")
# Explained here rather than in tooltips: a button with help= is drawn twice in
# the DOM, which breaks the `.st-key-train_start button` test contract.
st.caption(t("training.buttons_help", lang, count=STEP_ITERATIONS))

if active is not None and active.status == Status.DIVERGED.value:
    learning_rate = active.hyperparameters.learning_rate
    st.error(t("training.diverged", lang, number=active.number, iteration=active.iteration,
               learning_rate=learning_rate))
    if learning_rate in LEARNING_RATES[TENFOLD_STEPS:]:
        lower = LEARNING_RATES[LEARNING_RATES.index(learning_rate) - TENFOLD_STEPS]
        st.button(t("training.lower_lr", lang, learning_rate=lower), key="train_lower_lr",
                  on_click=lower_learning_rate, args=(lower,))
elif (active is not None and active.status == Status.FINISHED.value
      and book.current == (active.number, active.iteration)):
    st.success(t("training.finished", lang, number=active.number, iteration=active.iteration,
                 rate=book.meter.overall_rate or 0))

if book.failure is not None:
    st.error(t("training.failed", lang, error=book.failure))

steady_chart_styles("train_loss_chart", "train_accuracy_chart", "train_probe_chart")
live = st.session_state.setdefault(LIVE_KEY, {})
live["seconds"] = live_seconds() if book.running else None
st.fragment(run_every=live["seconds"])(live_panel)()

st.subheader(t("training.runs.title", lang))
st.caption(t("training.runs.caption", lang, max_runs=book.max_runs))
if book.dropped:
    st.info(t("training.runs.dropped", lang,
              runs=", ".join(escape_markdown(run.label(lang)) for run in book.dropped)))
runs = book.comparable_runs()
if runs:
    curves_by_run = {run.number: training_curves(run.history, run.hyperparameters.iterations)
                     for run in runs}
    st.dataframe(
        [
            {
                # The kind has a column of its own here.
                t("training.col.run", lang): run_label(run.number, lang, run.name),
                t("training.col.model", lang): kind_text(run.kind),
                t("training.col.status", lang): status_text(run),
                t("training.col.hidden", lang): run.hyperparameters.hidden,
                t("training.col.learning_rate", lang): f"{run.hyperparameters.learning_rate:g}",
                t("training.col.batch_size", lang): run.hyperparameters.batch_size,
                t("training.col.lengths", lang):
                    f"{run.hyperparameters.min_len}–{run.hyperparameters.max_len}",
                t("training.col.seed", lang): run.hyperparameters.seed,
                t("training.col.iterations", lang):
                    f"{run.iteration:,} / {run.hyperparameters.iterations:,}",
                t("training.col.loss", lang):
                    last_value(curves_by_run[run.number], "loss", "{:.4f}"),
                **{t(f"training.col.{name}", lang):
                   last_value(curves_by_run[run.number], name, "{:.1%}")
                   for name in METRIC_NAMES[1:]},
            }
            for run in runs
        ],
        hide_index=True,
    )
    metric = st.radio(t("training.compare_metric", lang), METRIC_NAMES, horizontal=True,
                      format_func=lambda name: t(f"training.metric.{name}", lang),
                      key="train_compare_metric")
    labelled_curves = [(run.label(lang), curves_by_run[run.number]) for run in runs]
    st.plotly_chart(comparison_figure(labelled_curves, metric, lang), key="train_compare_chart")
    selectable = {run.number: run for run in book.selectable_runs()}
    if selectable:
        pick_column, use_column = st.columns([3, 1], vertical_alignment="bottom")
        pick_column.selectbox(
            t("training.pick", lang), list(selectable), key="train_pick",
            format_func=lambda number: t("training.run_option", lang,
                                         label=selectable[number].label(lang),
                                         hidden=selectable[number].hyperparameters.hidden,
                                         learning_rate=selectable[number].hyperparameters.learning_rate,
                                         iteration=selectable[number].iteration),
        )
        use_column.button(t("training.use_run", lang), key="train_use_run", on_click=use_run,
                          width="stretch")
    if len(selectable) < len(runs):
        st.caption(t("training.diverged_not_selectable", lang))
else:
    st.caption(t("training.runs.none", lang))

if book.current is None:
    st.markdown(t("training.current.pretrained", lang))
else:
    number, iteration = book.current
    st.markdown(t("training.current.run", lang, label=escape_markdown(book.run(number).label(lang)),
                  iteration=iteration))
st.button(t("training.use_pretrained", lang), key="train_use_pretrained", on_click=use_pretrained,
          disabled=book.current is None)

st.subheader(t("training.files.title", lang))
file_stem = ("seq2seq_pretrained" if book.current is None
             else "seq2seq_run{}_it{}".format(*book.current))
download_column, upload_column = st.columns(2)
download_column.download_button(
    t("training.download_model", lang), key="train_download_model", file_name=f"{file_stem}.npz",
    data=lambda: checkpoint_bytes(model_in_use.model, model_in_use.hyperparameters,
                                  model_in_use.history),
    mime="application/octet-stream", on_click="ignore",
)
download_column.download_button(
    t("training.download_metrics", lang), key="train_download_metrics",
    file_name=f"{file_stem}.csv", data=lambda: metrics_csv(model_in_use.history),
    mime="text/csv", on_click="ignore",
)
# The size limit in the label: Streamlit's own "File must be … or smaller" is in English only.
max_megabytes = st.get_option("server.maxUploadSize")
upload_column.file_uploader(t("training.upload", lang, megabytes=max_megabytes),
                            type=["npz"], key="train_upload",
                            help=t("training.upload_help", lang), on_change=load_upload)
upload_result = st.session_state.get(UPLOAD_RESULT_KEY)
if upload_result is not None:  # the file's name and what the loader read in it: shown as text
    name = escape_markdown(upload_result["name"])
    if "reason" in upload_result:
        reason = t(f"training.upload.{upload_result['reason']}", lang,
                   detail=escape_markdown(upload_result["detail"]))
        upload_column.error(t("training.upload.error", lang, name=name, reason=reason))
    else:
        label = escape_markdown(run_label(upload_result["number"], lang, upload_result["name"],
                                          upload_result["kind"]))
        upload_column.success(t("training.upload.loaded", lang, name=name, label=label))
