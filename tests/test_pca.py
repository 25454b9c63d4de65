"""Principal components and the spread groups explain (seq2seq_core.pca)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from seq2seq_core.pca import explained_by_groups, principal_components


@settings(deadline=None)
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(2, 30), st.integers(2, 8)),
        elements=st.floats(-10, 10, allow_nan=False, width=32),
    )
)
def test_pca_shapes_and_explained_variance(points):
    pca = principal_components(points)
    projected, explained = pca.project(points), pca.explained
    assert projected.shape == (len(points), 2)
    assert explained.shape == (2,)
    assert (explained >= 0).all() and explained.sum() <= 1 + 1e-9
    assert explained[0] >= explained[1] - 1e-12
    np.testing.assert_allclose(projected.mean(axis=0), 0, atol=1e-6)
    np.testing.assert_allclose(
        pca.directions @ pca.directions.T, np.eye(len(pca.directions)), atol=1e-9
    )


def test_pca_of_one_dimensional_states_still_gives_two_coordinates():
    points = np.arange(6.0).reshape(6, 1)  # a model with D = 1
    pca = principal_components(points)
    projected = pca.project(points)
    assert projected.shape == (6, 2)
    np.testing.assert_allclose(projected[:, 0], points[:, 0] - 2.5)
    assert (projected[:, 1] == 0).all() and pca.explained.tolist() == [1.0, 0.0]


def test_pca_finds_the_direction_of_largest_spread():
    rng = np.random.default_rng(1)
    along = rng.normal(size=300)
    points = np.stack([along * 10, rng.normal(size=300) * 0.1, rng.normal(size=300) * 0.1], axis=1)
    pca = principal_components(points)
    projected = pca.project(points)
    assert pca.explained[0] > 0.99
    # The sign is fixed by the largest loading (here +10 on the first axis).
    assert np.corrcoef(projected[:, 0], along)[0, 1] > 0.9999


@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 12), st.integers(1, 9)),
        elements=st.floats(0, 5, allow_nan=False, width=32),
    ),
    st.integers(1, 4),
)
def test_explained_by_groups_is_a_fraction(points, groups):
    labels = np.arange(len(points)) % groups
    assert 0 <= explained_by_groups(points, labels) <= 1 + 1e-9


def test_explained_by_groups_tells_separated_groups_from_mixed_ones():
    rng = np.random.default_rng(2)
    labels = np.repeat([0, 1], 100)
    separated = rng.normal(size=(200, 2)) * 0.1 + labels[:, None] * 10
    assert explained_by_groups(separated, labels) > 0.99
    assert explained_by_groups(rng.normal(size=(200, 2)), labels) < 0.05
    assert explained_by_groups(np.ones((5, 2)), np.arange(5)) == 0.0
