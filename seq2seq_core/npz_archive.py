"""Reading a ``.npz`` safely: its zip directory and ``.npy`` headers checked before any array.

``np.load`` allocates whatever a file declares (an entry that inflates to gigabytes,
a header of 10¹² elements); :class:`NpzArchive` refuses anything inconsistent, then
reads each array with a hard cap of the bytes its header needs.
"""
import contextlib
import dataclasses
import io
import math
import struct
import tokenize
import zipfile
import zlib

import numpy as np
from numpy.lib import format as npy_format

__all__ = ["Header", "NpzArchive", "NpzError"]

MAX_HEADER = 10_000  # numpy's own limit on a .npy header's text
_HEADER_READ = 8 + 4 + MAX_HEADER  # magic, header length, header
_DIRECTORY_RECORD = 1024  # a zip directory record: 46 bytes + name + extra field + comment
_CHUNK = 2**20
# What zipfile, zlib and numpy's header parser (ast, tokenize) raise for a damaged file.
_BROKEN = (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, NotImplementedError,
           RuntimeError, KeyError, TypeError, OverflowError, struct.error, tokenize.TokenError)


class NpzError(ValueError):
    """A file that is not a readable ``.npz``; ``reason`` is a key, ``detail`` says what."""

    def __init__(self, reason, detail=""):
        self.reason, self.detail = reason, detail
        super().__init__(f"{reason}: {detail}")


@dataclasses.dataclass(frozen=True)
class Header:
    """An entry's ``.npy`` header, as declared.

    Attributes
    ----------
    shape : tuple of int
    dtype : numpy.dtype
    fortran_order : bool
    offset : int
        Where the array's data starts in the entry (bytes).
    """

    shape: tuple
    dtype: np.dtype
    fortran_order: bool
    offset: int

    @property
    def nbytes(self):
        """int: the bytes of data the header declares (shape × item size)."""
        return math.prod(self.shape) * self.dtype.itemsize


class _Capped:
    """A file that gives at most ``left`` bytes, whatever a reader asks for."""

    def __init__(self, file, left):
        self.file, self.left, self.start = file, left, left

    def read(self, size=-1):
        data = self.file.read(self.left if size < 0 else min(size, self.left))
        self.left -= len(data)
        return data


class NpzArchive:
    """The entries of a ``.npz`` and their headers, with arrays read only on demand.

    Parameters
    ----------
    data : bytes
        The whole file.
    max_entries : int
        More entries (or a zip directory too long for them) are refused.
    max_bytes : int
        Bound on the total uncompressed size the zip directory declares.
    error : type, optional
        Raised as ``error(reason, detail)``; :class:`NpzError` by default. Reasons:
        ``"not_npz"`` (not a zip of ``.npy`` files, a pickle, a damaged or
        inconsistent entry), ``"unexpected"`` (too many entries), ``"too_large"``
        (data beyond ``max_bytes`` or beyond what a header needs).

    Attributes
    ----------
    headers : dict of str to Header
        By array name (the entry name without ``.npy``), in archive order.
    """

    def __init__(self, data, *, max_entries, max_bytes, error=NpzError):
        self._error = error
        with self._refusing_broken_files():
            directory = _directory_size(data)
            if directory > max_entries * _DIRECTORY_RECORD:
                raise error("unexpected", f"a zip directory of {directory} bytes")
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            entries = self._zip.infolist()
            if len(entries) > max_entries:
                raise error("unexpected", f"{len(entries)} entries")
            names = [entry.filename for entry in entries]
            for entry in entries:
                # bzip2 and LZMA inflate without a bound in zipfile; numpy never writes them.
                if (not entry.filename.endswith(".npy") or names.count(entry.filename) > 1
                        or entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)):
                    raise error("not_npz", f"entry {entry.filename!r}")
            total = sum(entry.file_size for entry in entries)
            if total > max_bytes:
                raise error("too_large", f"{total} bytes uncompressed")
            self.headers = {entry.filename[:-4]: self._header(entry) for entry in entries}

    @contextlib.contextmanager
    def _refusing_broken_files(self):
        try:
            yield
        except self._error:
            raise
        except _BROKEN as error:
            raise self._error("not_npz", type(error).__name__) from None

    def _header(self, entry):
        name = entry.filename[:-4]
        with self._zip.open(entry) as file:
            capped = _Capped(file, _HEADER_READ)
            version = npy_format.read_magic(capped)
            if version == (1, 0):
                shape, fortran_order, dtype = npy_format.read_array_header_1_0(capped, MAX_HEADER)
            elif version == (2, 0):
                shape, fortran_order, dtype = npy_format.read_array_header_2_0(capped, MAX_HEADER)
            else:
                raise self._error("not_npz", f"{name}: .npy version {version}")
        if dtype.hasobject:
            raise self._error("not_npz", f"{name}: a pickle")
        if dtype.itemsize == 0 or dtype.subdtype is not None or min(shape, default=0) < 0:
            raise self._error("not_npz", f"{name}: {dtype}, {shape}")
        header = Header(shape, dtype, fortran_order, capped.start - capped.left)
        needed = header.offset + header.nbytes
        if entry.file_size > needed:
            raise self._error("too_large", f"{name}: {entry.file_size} bytes, needs {needed}")
        if entry.file_size < needed:
            raise self._error("not_npz", f"{name}: {entry.file_size} bytes, needs {needed}")
        return header

    def read(self, name):
        """The array ``name`` as a new, writable ndarray, reading no more than its header's bytes.

        It allocates ``headers[name].nbytes``: check :attr:`headers` first.
        """
        header = self.headers[name]
        with self._refusing_broken_files(), self._zip.open(f"{name}.npy") as file:
            flat = np.empty(math.prod(header.shape), header.dtype)
            raw = flat.view(np.uint8)
            file.read(header.offset)
            done = 0
            while done < header.nbytes:
                chunk = file.read(min(_CHUNK, header.nbytes - done))
                if not chunk:
                    raise self._error("not_npz", f"{name}: the data ends early")
                raw[done:done + len(chunk)] = np.frombuffer(chunk, np.uint8)
                done += len(chunk)
            # zipfile stops at the size the directory declares, which matched the header;
            # should that ever change, more data is still refused here.
            if file.read(1):
                raise self._error("too_large", f"{name}: more data than its header declares")
            if header.fortran_order:
                return flat.reshape(header.shape[::-1]).T
            return flat.reshape(header.shape)


def _directory_size(data):
    """The zip directory's length in bytes, found as ``zipfile`` finds it (0 if none).

    Checked before ``zipfile`` parses the directory, which costs time and memory per
    entry. A zip64 end record (needed only past 65 535 entries or 4 GB) is refused.
    """
    end = len(data) - 22
    if not (end >= 0 and data[end:end + 4] == b"PK\x05\x06" and data[-2:] == b"\0\0"):
        end = data.rfind(b"PK\x05\x06", max(len(data) - 2**16 - 22, 0))
        if end < 0 or end + 22 > len(data):
            return 0  # zipfile will refuse it
    if end >= 20 and data[end - 20:end - 16] == b"PK\x06\x07":
        raise zipfile.BadZipFile("zip64 end record")
    return struct.unpack_from("<I", data, end + 12)[0]
