"""The COPC octree read with numpy is laspy's, node for node; a corrupt hierarchy is named."""

from __future__ import annotations

import shutil
import struct

import numpy as np
import pytest

from twin.core.errors import DataError
from twin.lod.copc import ENTRY, read_octree


def _laspy_nodes(path):
    import laspy
    from laspy.copc import load_octree_for_query
    with laspy.CopcReader.open(str(path)) as reader:
        nodes = load_octree_for_query(reader.source, reader.copc_info, reader.root_page)
    return sorted((n.key.level, n.key.x, n.key.y, n.key.z, n.offset, n.byte_size, n.point_count,
                   *n.bounds.mins, *n.bounds.maxs) for n in nodes)


def _ours(tree):
    return sorted(zip(*tree.key.T.tolist(), tree.offset.tolist(), tree.size.tolist(), tree.count.tolist(),
                      *tree.lo.T.tolist(), *tree.hi.T.tolist()))


@pytest.mark.parametrize("name", ["laspy__simple.copc.laz", "ctview__test_data_77050_627755_LA93_IGN69.copc.laz"])
def test_real_files_match_laspy(shared, name):
    path = shared / "lidar" / name
    tree = read_octree(path)
    assert len(tree) > 0
    np.testing.assert_allclose(np.array(_ours(tree), float), np.array(_laspy_nodes(path), float))
    assert tree.key[0].tolist() == [0, 0, 0, 0]           # sorted coarse first


def test_prepared_tile_matches_laspy(synthetic_copc):
    tree = read_octree(synthetic_copc)
    assert tree.key[:, 0].max() >= 1
    np.testing.assert_allclose(np.array(_ours(tree), float), np.array(_laspy_nodes(synthetic_copc), float))


def test_corrupt_hierarchy_names_the_file(shared, tmp_path):
    import laspy
    path = tmp_path / "bad.copc.laz"
    shutil.copy(shared / "lidar" / "laspy__simple.copc.laz", path)
    with laspy.open(path) as reader:
        info = next(v for v in reader.header.vlrs if type(v).__name__ == "CopcInfoVlr")
    with open(path, "r+b") as fh:     # the root's entry now points at a page past the end
        fh.seek(info.hierarchy_root_offset + 16)
        fh.write(struct.pack("<Qii", 10 ** 12, ENTRY.itemsize, -1))
    with pytest.raises(DataError) as err:
        read_octree(path)
    assert err.value.path == path and "hierarchy is corrupt" in err.value.message


def test_a_node_decoded_in_the_decoding_process_is_the_one_lazrs_decodes_here(synthetic_copc):
    """Nodes are decoded in a spawned process (lazrs holds the GIL while it decodes): the
    records that come back are byte for byte those of an in-process decode, and a node
    past the end of a cut file is told apart."""
    import laspy
    import lazrs
    from twin.lod.laz_decode import decode_node
    tree = read_octree(synthetic_copc)
    selection = laspy.DecompressionSelection.all()
    for i in np.argsort(tree.count)[::-1][:3]:
        offset, size, count = int(tree.offset[i]), int(tree.size[i]), int(tree.count[i])
        here = np.zeros(count * tree.point_format.size, np.uint8)
        with open(synthetic_copc, "rb") as fh:
            fh.seek(offset)
            lazrs.decompress_points_with_chunk_table(fh.read(size), tree.laszip, here, [(count, size)],
                                                     selection.to_lazrs())
        there = decode_node(str(synthetic_copc), offset, size, count, tree.laszip, tree.point_format.size,
                            int(selection))
        assert count > 0 and np.array_equal(there, here)
    end = synthetic_copc.stat().st_size
    assert decode_node(str(synthetic_copc), end - 10, 100, 5, tree.laszip, tree.point_format.size,
                       int(selection)) is None
