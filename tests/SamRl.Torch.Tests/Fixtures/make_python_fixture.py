#!/usr/bin/env python3
"""Writes python_written.safetensors the way Python's safetensors library (its Rust core) lays a file out,
using only the standard library, so the C# reader is tested against an independent writer.

Layout rules followed (safetensors' serialize):
  * 8-byte little-endian unsigned header length N, then N bytes of compact UTF-8 JSON, then the data;
  * the JSON holds "__metadata__" first, then one entry per tensor in data order, each with the keys
    "dtype", "shape", "data_offsets" (offsets relative to the start of the data section);
  * the header is padded with spaces to a multiple of 8 bytes;
  * tensors are ordered by descending dtype alignment (the Dtype enum order
    BOOL < U8 < I8 < F8_E5M2 < F8_E4M3 < I16 < U16 < F16 < BF16 < I32 < U32 < F32 < F64 < I64 < U64), then by name;
  * data is little-endian, row-major, with nothing between tensors.

Usage:
  python3 make_python_fixture.py [OUT]      write the fixture (default: next to this script)
  python3 make_python_fixture.py --check F  parse F with an independent reader and print its tensors
                                            (used to confirm that files written by SamRl load in Python)
"""
import json
import os
import struct
import sys

DTYPE_ORDER = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64"]
STRUCT_CODE = {"F64": "d", "F32": "f", "F16": "e", "I64": "q", "I32": "i", "I16": "h", "I8": "b", "U8": "B", "BOOL": "?"}

# name -> (dtype, shape, row-major values); the C# test checks exactly these.
TENSORS = {
    "a.weight": ("F32", [2, 3], [1.5, -2.25, 0.0, 3.0, -0.125, 0.001]),
    "b": ("I64", [4], [-3, 0, 7, 2**40 + 5]),
    "c": ("F64", [], [3.141592653589793]),
    "d": ("F16", [3], [1.0, -0.5, 65504.0]),
    "e": ("BOOL", [2, 2], [True, False, False, True]),
}
METADATA = {"format": "pt"}


def serialize(tensors, metadata):
    order = sorted(tensors, key=lambda n: (-DTYPE_ORDER.index(tensors[n][0]), n.encode("utf-8")))
    header = {}
    if metadata is not None:
        header["__metadata__"] = metadata
    blobs = []
    offset = 0
    for name in order:
        dtype, shape, values = tensors[name]
        blob = struct.pack("<%d%s" % (len(values), STRUCT_CODE[dtype]), *values)
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(blobs)


def read(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    assert 0 < n <= 100_000_000 and 8 + n <= len(raw), "bad header length %d" % n
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    data = raw[8 + n:]
    metadata = header.pop("__metadata__", None)
    assert metadata is None or all(isinstance(v, str) for v in metadata.values()), "metadata must map strings to strings"
    expect = 0
    out = {}
    for name, info in sorted(header.items(), key=lambda kv: tuple(kv[1]["data_offsets"])):
        begin, end = info["data_offsets"]
        assert begin == expect, "%s: offsets not contiguous" % name
        count = 1
        for d in info["shape"]:
            count *= d
        code = STRUCT_CODE[info["dtype"]]
        assert end - begin == count * struct.calcsize(code), "%s: byte size does not match dtype and shape" % name
        out[name] = (info["dtype"], info["shape"], list(struct.unpack("<%d%s" % (count, code), data[begin:end])))
        expect = end
    assert expect == len(data), "data section has %d bytes, tensors cover %d" % (len(data), expect)
    return metadata, out


def main(argv):
    if len(argv) == 3 and argv[1] == "--check":
        metadata, tensors = read(argv[2])
        print("metadata:", json.dumps(metadata))
        for name, (dtype, shape, values) in tensors.items():
            print("%s %s %s %s" % (name, dtype, shape, values))
        return 0
    out = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "python_written.safetensors")
    with open(out, "wb") as f:
        f.write(serialize(TENSORS, METADATA))
    metadata, tensors = read(out)
    assert metadata == METADATA and set(tensors) == set(TENSORS)
    print("wrote", out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
