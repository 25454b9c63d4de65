"""Hostile checkpoints: decompression bombs, lying headers and zip directories, fuzzed files.

The loader must refuse these from the zip directory and the .npy headers, with a
:class:`CheckpointError` whose reason the app can translate, and without
allocating more than a few times the largest real checkpoint.
"""
import io
import math
import struct
import tracemalloc
import warnings
import zipfile

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seq2seq_core.checkpoint import (
    Checkpoint,
    CheckpointError,
    checkpoint_bytes,
    load_checkpoint,
    parameter_shapes,
)
from seq2seq_core.i18n import t
from seq2seq_core.train import LIMITS, METRIC_NAMES, Hyperparameters, Trainer

HP = Hyperparameters(hidden=8, batch_size=10, iterations=30, max_len=5, seed=2)
REASONS = {"not_npz", "too_large", "version", "missing", "unexpected", "shape", "dtype",
           "not_finite", "metadata"}
# The largest real checkpoint: hidden 512 weights and the longest float32 history.
LARGEST = 4 * (sum(math.prod(shape) for shape in parameter_shapes(LIMITS["hidden"][1]).values())
               + len(METRIC_NAMES) * LIMITS["iterations"][1])
PEAK_LIMIT = 3 * LARGEST  # ≈ 14 MB
GIB = 2**30
WEIGHT = "encoder.fc_x2h.weight.npy"  # shape (12, 8) float32 for hidden 8


@pytest.fixture(scope="module")
def trained():
    trainer = Trainer(HP)
    trainer.step(20)
    return trainer


@pytest.fixture(scope="module")
def good_bytes(trained):
    return checkpoint_bytes(trained.model, HP, trained.history)


@pytest.fixture(scope="module")
def good_entries(good_bytes):
    """The checkpoint's entries: list of (name, raw .npy bytes), in archive order."""
    with zipfile.ZipFile(io.BytesIO(good_bytes)) as archive:
        return [(name, archive.read(name)) for name in archive.namelist()]


def npy_header(shape, descr="<f4", fortran_order=False):
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        buffer, {"descr": descr, "fortran_order": fortran_order, "shape": shape})
    return buffer.getvalue()


def npy_bytes(array):
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def zip_bytes(entries, compression=zipfile.ZIP_DEFLATED):
    """A zip of (name, bytes) entries, duplicates kept, no zip64 fields."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name"
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in entries:
                info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
                archive.writestr(info, data, compress_type=compression)
    return buffer.getvalue()


def with_bomb(entries, name, header, size=GIB):
    """``entries`` and one deflated entry ``name``: ``header`` then ``size`` zero bytes.

    Written in 1 MiB chunks, so that the test never holds the inflated data.
    """
    buffer = io.BytesIO(zip_bytes([entry for entry in entries if entry[0] != name]))
    zero = bytes(2**20)
    with (zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
          archive.open(name, "w") as file):
        file.write(header)
        for _ in range(size // len(zero)):
            file.write(zero)
    return buffer.getvalue()


# Fields of a zip central directory record and of the end-of-directory record: offset, format.
DIRECTORY_FIELDS = {"flags": (8, "<H"), "method": (10, "<H"), "crc": (16, "<I"),
                    "compress_size": (20, "<I"), "file_size": (24, "<I"),
                    "name_length": (28, "<H"), "extra_length": (30, "<H"),
                    "local_offset": (42, "<I")}
END_FIELDS = {"entries_here": (8, "<H"), "entries": (10, "<H"), "size": (12, "<I"),
              "offset": (16, "<I"), "comment_length": (20, "<H")}


def patch_directory(data, index, **fields):
    """``data`` with fields of its ``index``-th central directory record (mod count) replaced."""
    records, at = [], data.find(b"PK\x01\x02")
    while at >= 0:
        records.append(at)
        at = data.find(b"PK\x01\x02", at + 1)
    if not records:
        return data
    patched = bytearray(data)
    for field, value in fields.items():
        offset, form = DIRECTORY_FIELDS[field]
        struct.pack_into(form, patched, records[index % len(records)] + offset, value)
    return bytes(patched)


def record_of(data, name):
    """The index of the central directory record of ``name``."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist().index(name)


def load_measured(data):
    """``(result, peak)``: a Checkpoint or the CheckpointError, and the bytes allocated at peak."""
    tracemalloc.start()
    try:
        try:
            result = load_checkpoint(data)
        except CheckpointError as error:
            result = error
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def assert_refused(result, peak, reasons=REASONS):
    assert peak <= PEAK_LIMIT, f"the loader allocated {peak / 2**20:.0f} MiB"
    assert isinstance(result, CheckpointError), "a hostile file was accepted"
    assert result.reason in reasons, result


def test_an_extra_entry_that_inflates_to_a_gigabyte_is_refused_without_inflating_it(
        good_entries):
    data = with_bomb(good_entries, "padding.npy", npy_header((GIB // 4,)))
    assert len(data) < 10 * 2**20
    assert_refused(*load_measured(data), {"too_large", "unexpected"})


def test_a_weight_entry_whose_data_inflates_past_its_shape_is_refused(good_entries):
    data = with_bomb(good_entries, WEIGHT, npy_header((12, 8)))
    assert_refused(*load_measured(data), {"too_large"})
    # The same with a zip directory that claims the legitimate size: reading
    # stops there (and the CRC no longer matches).
    legitimate = len(dict(good_entries)[WEIGHT])
    lying = patch_directory(data, record_of(data, WEIGHT), file_size=legitimate)
    assert_refused(*load_measured(lying), {"not_npz"})


@pytest.mark.parametrize("declared", [128 + 384 + 64, GIB, 2**32 - 1])
def test_an_entry_whose_zip_directory_declares_more_than_its_header_needs_is_refused(
        good_entries, declared):
    data = zip_bytes(good_entries)
    lying = patch_directory(data, record_of(data, WEIGHT), file_size=declared)
    assert_refused(*load_measured(lying), {"too_large"})


@pytest.mark.parametrize("shape", [(10**12,), (10**6, 10**6)])
def test_a_header_that_claims_terabytes_is_refused_without_allocating(good_entries, shape):
    entries = dict(good_entries)
    entries[WEIGHT] = npy_header(shape) + entries[WEIGHT][128:]
    assert_refused(*load_measured(zip_bytes(entries.items())), {"not_npz"})


def test_a_zip_directory_of_many_entries_is_refused_before_it_is_parsed():
    """zipfile builds an object per entry: 60 000 of them cost ~40 MB and seconds."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(60_000):  # below 65 536, so no zip64 end record
            archive.writestr(zipfile.ZipInfo(f"{number}.npy"), b"")
    assert_refused(*load_measured(buffer.getvalue()), {"unexpected"})


@pytest.mark.parametrize("text, reason", [
    ("[" * 1500, "metadata"),  # json.loads raises RecursionError
    ('{"hidden": 8' + " " * 2000 + "}", "metadata"),  # longer than any real one
])
def test_hyperparameters_too_deep_or_too_long_are_refused(good_entries, text, reason):
    entries = dict(good_entries)
    entries["hyperparameters.npy"] = npy_bytes(np.array(text))
    assert_refused(*load_measured(zip_bytes(entries.items())), {reason})


def test_files_numpy_writes_in_other_ways_still_load(trained, good_entries):
    """Uncompressed, Fortran-ordered weights, float64 history: all still checkpoints."""
    entries = dict(good_entries)
    weight = trained.model.parameters[0].data
    entries[WEIGHT] = npy_bytes(np.asfortranarray(weight))
    entries["history.loss.npy"] = npy_bytes(np.asarray(trained.history["loss"], np.float64))
    loaded = load_checkpoint(zip_bytes(entries.items(), zipfile.ZIP_STORED))
    np.testing.assert_array_equal(loaded.model.parameters[0].data, weight)
    np.testing.assert_array_equal(loaded.history["loss"], trained.history["loss"])


# The fuzz test: a valid checkpoint, changed in ways a broken or hostile file could be.
NAMES = ["format_version.npy", "hyperparameters.npy", "kind.npy", WEIGHT, "history.loss.npy",
         "rnn.fc_x2h.weight.npy", "padding.npy", "readme.txt", "a/b.npy", "history.loss"]
DESCRS = ["<f4", "<f8", ">f4", "<f2", "|O", "<U5", "<U100000", "<i8", "|b1", "<c8", "|V0",
          "|V8", "<M8[s]", [("a", "<f4")], [("a", "|O")], ("<f4", (3,))]
SIZES = st.sampled_from([0, 1, 2, 8, 12, 20, 30, 10**6, 10**12, 2**62]) | st.integers(-2, 40)
SHAPES = st.lists(SIZES, max_size=3).map(tuple)


def filled(shape, dtype, value):
    with np.errstate(invalid="ignore"):  # NaN and infinity as integers
        return np.full(shape, value).astype(dtype)


ARRAYS = st.builds(
    filled,
    st.lists(st.sampled_from([0, 1, 3, 8, 12, 20]), max_size=2).map(tuple),
    st.sampled_from(["<f4", "<f8", "<f2", "<i4", "<U3", "|b1", ">f4"]),
    st.sampled_from([0, 1, np.nan, np.inf]),
)
RAW_HEADERS = st.tuples(
    st.sampled_from([(1, 0), (2, 0), (3, 0), (9, 9)]),
    st.binary(max_size=300) | st.sampled_from([b"{}", b"{'descr': '<f4'}", b"(" * 300]),
)
CONTENT = ARRAYS.map(npy_bytes) | st.binary(max_size=600)
ENTRY_EDITS = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(NAMES), CONTENT),
    st.tuples(st.just("remove"), st.integers(0, 20)),
    st.tuples(st.just("rename"), st.integers(0, 20), st.sampled_from(NAMES)),
    st.tuples(st.just("header"), st.integers(0, 20), SHAPES, st.sampled_from(DESCRS),
              st.booleans()),
    st.tuples(st.just("raw_header"), st.integers(0, 20), RAW_HEADERS),
    st.tuples(st.just("array"), st.integers(0, 20), ARRAYS),
    st.tuples(st.just("bomb"), st.sampled_from(NAMES), st.just(33)),  # MiB: past the bound
)
BYTE_EDITS = st.one_of(
    st.tuples(st.just("flip"), st.lists(st.tuples(st.integers(0), st.integers(0, 255)),
                                        min_size=1, max_size=8)),
    st.tuples(st.just("truncate"), st.floats(0, 1)),
    st.tuples(st.just("directory"), st.integers(0, 20), st.sampled_from(sorted(DIRECTORY_FIELDS)),
              st.sampled_from([0, 1, 100, 384, 2**16 - 1, 2**31, 2**32 - 1]) | st.integers(0, 600)),
    st.tuples(st.just("end"), st.sampled_from(sorted(END_FIELDS)),
              st.sampled_from([0, 1, 17, 2**16 - 1, 2**31, 2**32 - 1]) | st.integers(0, 3000)),
)
# Mostly what numpy writes; bzip2 and LZMA, which zipfile inflates without a bound, now and then.
COMPRESSIONS = st.sampled_from([zipfile.ZIP_DEFLATED] * 4 + [zipfile.ZIP_STORED] * 2
                               + [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])


def edit_entries(entries, edit):
    kind, *args = edit
    if kind == "add":
        return [*entries, tuple(args)]
    if kind == "bomb":
        name, megabytes = args
        return [*entries, (name, npy_header((megabytes * 2**18,)) + bytes(megabytes * 2**20))]
    if not entries:
        return entries
    index = args[0] % len(entries)
    name, data = entries[index]
    if kind == "remove":
        return entries[:index] + entries[index + 1:]
    if kind == "rename":
        changed = (args[1], data)
    elif kind == "header":
        changed = (name, npy_header(*args[1:]) + data[128:])
    elif kind == "raw_header":
        (major, minor), text = args[1]
        length = struct.pack("<H" if major == 1 else "<I", len(text))
        changed = (name, b"\x93NUMPY" + bytes([major, minor]) + length + text + data[128:])
    else:
        changed = (name, npy_bytes(args[1]))
    return entries[:index] + [changed] + entries[index + 1:]


def edit_bytes(data, edit):
    kind, *args = edit
    if kind == "flip":
        patched = bytearray(data)
        for position, value in args[0]:
            if patched:
                patched[position % len(patched)] = value
        return bytes(patched)
    if kind == "truncate":
        return data[: int(len(data) * args[0])]
    if kind == "directory":
        index, field, value = args
        return patch_directory(data, index, **{field: value % 2 ** (8 * struct.calcsize(
            DIRECTORY_FIELDS[field][1]))})
    field, value = args
    end = data.rfind(b"PK\x05\x06")
    if end < 0:
        return data
    offset, form = END_FIELDS[field]
    patched = bytearray(data)
    struct.pack_into(form, patched, end + offset, value % 2 ** (8 * struct.calcsize(form)))
    return bytes(patched)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(entry_edits=st.lists(ENTRY_EDITS, max_size=3), compression=COMPRESSIONS,
       byte_edits=st.lists(BYTE_EDITS, max_size=3))
def test_a_mutated_checkpoint_loads_or_raises_one_translated_error(
        good_entries, entry_edits, compression, byte_edits):
    entries = list(good_entries)
    for edit in entry_edits:
        entries = edit_entries(entries, edit)
    data = zip_bytes(entries, compression)
    for edit in byte_edits:
        data = edit_bytes(data, edit)
    result, peak = load_measured(data)  # any other exception fails the test
    assert peak <= PEAK_LIMIT, f"the loader allocated {peak / 2**20:.0f} MiB"
    if isinstance(result, Checkpoint):
        return
    assert result.reason in REASONS, result
    for lang in ("ko", "en"):
        key = f"training.upload.{result.reason}"
        assert t(key, lang, detail="x") != key  # t raises KeyError for a missing key
