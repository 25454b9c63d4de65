"""Broadcasting core: (T, N, C) @ (C, K) equals the loop, einsum and batch-first; real errors."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from seq2seq_core.broadcasting import (
    WEIGHT_LAYOUTS,
    compare_products,
    demo_arrays,
    matmul_error,
    memory_steps,
    step_layout,
    weight_shape,
)

sizes = st.integers(1, 6)


@given(T=sizes, N=sizes, C=sizes, K=sizes)
def test_broadcast_product_equals_every_other_way(T, N, C, K):
    x, w = demo_arrays(T, N, C, K)
    check = compare_products(x, w)
    assert check.broadcast.shape == (T, N, K)
    assert check.batch_first.shape == (N, T, K)
    assert check.matches_per_step and check.matches_einsum and check.matches_batch_first


def test_the_notebook_example():
    # The notebook: T, N, C = 2, 3, 4 and arr of shape (C, 5).
    x, w = demo_arrays(2, 3, 4, 5)
    assert np.array_equal(x, np.arange(24).reshape(2, 3, 4))
    assert np.array_equal(compare_products(x, w).broadcast[1, 2], x[1, 2] @ w)


def test_a_broken_product_is_not_reported_equal():
    x, w = demo_arrays(2, 3, 4, 5)
    check = compare_products(x, w)
    broken = type(check)(check.broadcast + 1, check.per_step, check.einsum, check.batch_first)
    assert not (broken.matches_per_step or broken.matches_einsum or broken.matches_batch_first)


@given(T=sizes, N=sizes, C=sizes, K=sizes, layout=st.sampled_from(WEIGHT_LAYOUTS))
def test_matmul_error_is_numpys_own_and_only_when_shapes_do_not_fit(T, N, C, K, layout):
    x, w = demo_arrays(T, N, C, K, layout)
    assert w.shape == weight_shape(C, K, layout)
    message = matmul_error(x.shape, w.shape)
    fits = w.shape[0] == C
    assert (message is None) == fits
    if not fits:
        with pytest.raises(ValueError) as raised:
            x @ w
        assert message == str(raised.value)
        assert f"size {w.shape[0]} is different from {C}" in message


@given(T=st.integers(2, 6), N=st.integers(2, 6), C=sizes)
def test_one_time_step_is_contiguous_only_when_time_comes_first(T, N, C):
    # With T = 1 or N = 1 both layouts are the same bytes, so only T, N ≥ 2 can differ.
    x, _ = demo_arrays(T, N, C, 1)
    for t in range(T):
        layout = step_layout(x, t)
        assert layout.time_first_contiguous and not layout.batch_first_contiguous
        assert layout.time_first_strides == (C * x.itemsize, x.itemsize)
        assert layout.batch_first_strides == (T * C * x.itemsize, x.itemsize)


@given(T=sizes, N=sizes, C=sizes)
def test_memory_steps_follow_each_layout(T, N, C):
    time_first, batch_first = memory_steps(T, N, C)
    x, _ = demo_arrays(T, N, C, 1)
    # demo_arrays counts up in memory order, so element i of each layout's memory is x.flat[i].
    assert np.array_equal(time_first, np.argwhere(x >= 0)[:, 0])
    x_batch_first = np.ascontiguousarray(x.transpose(1, 0, 2))
    assert np.array_equal(batch_first, np.argwhere(x_batch_first >= 0)[:, 1])
    for t in range(T):
        run = np.flatnonzero(time_first == t)
        assert np.array_equal(run, np.arange(t * N * C, (t + 1) * N * C))
