"""Principal components of a cloud of points, and how much of its spread groups explain."""
import dataclasses

import numpy as np

__all__ = ["PrincipalComponents", "principal_components", "explained_by_groups"]


@dataclasses.dataclass(frozen=True)
class PrincipalComponents:
    """The first principal directions of a cloud of points, to project any point onto.

    Attributes
    ----------
    mean : ndarray, shape-(D,)
        The centre of the points the directions were found from.
    directions : ndarray, shape-(k, D)
        Orthonormal, largest variance first. Each one's sign makes its largest
        loading positive, so the picture does not flip when the data barely change.
    explained : ndarray, shape-(k,)
        Fraction of the total variance along each direction (0 when all points coincide).
    """

    mean: np.ndarray
    directions: np.ndarray
    explained: np.ndarray

    def project(self, points):
        """Coordinates of ``points`` (shape-(S, D)) along the directions, shape-(S, k)."""
        return (np.asarray(points, dtype=np.float64) - self.mean) @ self.directions.T


def principal_components(points, components=2):
    """The first principal components of ``points`` (SVD of the centred data).

    Parameters
    ----------
    points : ndarray, shape-(S, D)
    components : int
        How many directions ``k`` to keep; those beyond the data's D dimensions
        (a model with D = 1) are zero and explain nothing.

    Returns
    -------
    PrincipalComponents
    """
    points = np.asarray(points, dtype=np.float64)
    mean = points.mean(axis=0)
    _, singular_values, found = np.linalg.svd(points - mean, full_matrices=False)
    found = found[:components]
    largest = np.abs(found).argmax(axis=1)
    found = found * np.sign(found[np.arange(len(found)), largest])[:, None]
    directions = np.zeros((components, points.shape[1]))
    directions[: len(found)] = found
    variance = singular_values**2
    explained = np.zeros(components)
    if variance.sum() > 0:
        explained[: len(found)] = variance[: len(found)] / variance.sum()
    return PrincipalComponents(mean, directions, explained)


def explained_by_groups(points, labels):
    """Fraction of the points' spread that their group means account for (R² of the groups).

    Parameters
    ----------
    points : ndarray, shape-(S, k)
    labels : ndarray, shape-(S,)
        The group of each point (e.g. its sequence's length).

    Returns
    -------
    float
        In [0, 1]: 1 when each group sits on one spot, about 0 when the groups
        are mixed through each other, 0 when all points coincide.
    """
    points = np.asarray(points, dtype=np.float64)
    labels = np.asarray(labels)
    total = ((points - points.mean(axis=0)) ** 2).sum()
    if total == 0:
        return 0.0
    within = sum(
        ((points[labels == group] - points[labels == group].mean(axis=0)) ** 2).sum()
        for group in np.unique(labels)
    )
    return float(1 - within / total)
