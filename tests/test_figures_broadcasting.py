"""Figures of the broadcasting page: one step's product, and where each step sits in memory."""
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from seq2seq_core.broadcasting import demo_arrays
from seq2seq_core.figures.broadcasting import memory_layout_figure, step_product_figure
from seq2seq_core.i18n import t

sizes = st.integers(1, 6)


@settings(deadline=None, max_examples=25)
@given(T=sizes, N=sizes, C=sizes, K=sizes, data=st.data())
def test_step_figure_shows_x_t_w_and_their_product(T, N, C, K, data):
    step = data.draw(st.integers(0, T - 1))
    x, w = demo_arrays(T, N, C, K)
    left, middle, right = step_product_figure(x, w, step, "en").data
    assert np.array_equal(np.asarray(left.z), x[step])
    assert np.array_equal(np.asarray(middle.z), w)
    assert np.array_equal(np.asarray(right.z), (x @ w)[step])


def test_step_figure_titles_name_the_step_and_shapes():
    x, w = demo_arrays(2, 3, 4, 5)
    figure = step_product_figure(x, w, 1, "ko")
    assert figure.layout.title.text == t("broadcasting.fig.step_title", "ko", t=1)
    assert [a.text for a in figure.layout.annotations][:3] == [
        "x[1] · (N=3, C=4)", "W · (C=4, K=5)", "(x @ W)[1] · (N=3, K=5)",
    ]


@settings(deadline=None, max_examples=25)
@given(T=sizes, N=sizes, C=sizes, data=st.data())
def test_memory_figure_marks_exactly_the_elements_of_the_step(T, N, C, data):
    step = data.draw(st.integers(0, T - 1))
    heatmap = memory_layout_figure(T, N, C, step, "en").data[0]
    z = np.asarray(heatmap.z)
    assert z.shape == (2, T * N * C)
    assert (z.sum(axis=1) == N * C).all()
    # Time first: one contiguous run; batch first: N runs of C.
    assert np.array_equal(np.flatnonzero(z[0]), np.arange(step * N * C, (step + 1) * N * C))
    starts = np.flatnonzero(np.diff(np.concatenate([[0], z[1]])) == 1)
    assert len(starts) == (1 if T == 1 else N)
