"""The COPC octree of one tile: which node every point goes to, and in what order nodes
and points are written — computed in spatial blocks that worker processes share
(``twin.lod.blocks``), with the same result whatever the number of workers.

Each point goes to the shallowest level whose voxel grid (GRID cells per node side) still
has that voxel free, points visiting in a seeded pseudo-random order so every level is an
even sample. A voxel of any level lies inside one node of level ``BLOCK_LEVEL`` (GRID is
2⁷, so voxels are never wider than such a node), hence the whole assignment is local to
those nodes: each block is done on its own, with its own small temporary arrays. The
visiting order is a hash of the point's index in the file, not a permutation of the whole
tile, so a block needs nothing from the others.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

GRID = 128                 # voxels per node side: the COPC "spacing" is node size / GRID
GRID_BITS = 7
BLOCK_LEVEL = 3            # blocks are the nodes of this level (≤ GRID_BITS, see above)
LEAF_POINTS = 50_000       # aim for leaves about this full
SEED = 2154


@dataclass
class Cube:
    """The octree's root cube and depth (levels below the root)."""
    centre: np.ndarray
    half: float
    depth: int

    @classmethod
    def around(cls, mins, maxs, n: int) -> "Cube":
        mins, maxs = np.asarray(mins, float), np.asarray(maxs, float)
        half = float((maxs - mins).max() / 2) * 1.0001 + 1e-6
        return cls((mins + maxs) / 2, half, depth_for(n))

    def fine_cells(self, xyz: np.ndarray) -> np.ndarray:
        """Integer voxel coordinates on the finest grid (2^depth · GRID a side, < 2¹⁹):
        every coarser voxel and node is a right shift of them."""
        cells = (2 ** self.depth) * GRID
        f = (xyz - (self.centre - self.half)) * (cells / (2 * self.half))
        return np.minimum(np.maximum(f, 0, out=f), cells - 1, out=f).astype(np.int32)  # np.clip: 9× slower

    def codes_of_ints(self, ints, scales, offsets) -> np.ndarray:
        """Morton codes of the fine cells of points given as a LAS file's integer X, Y, Z
        (with its scales and offsets), a cache-sized piece at a time: no float xyz of the
        whole tile, no array of cells."""
        cells = (2 ** self.depth) * GRID
        k = cells / (2 * self.half)
        lo = self.centre - self.half
        n = len(ints[0])
        code = np.zeros(n, np.uint64)
        for a in range(0, n, PIECE):
            b = min(n, a + PIECE)
            for i in range(3):
                f = ints[i][a:b] * (scales[i] * k)
                f += (offsets[i] - lo[i]) * k
                _add_axis(code[a:b], np.minimum(np.maximum(f, 0, out=f), cells - 1, out=f), i)  # truncated
        return code


def depth_for(n: int) -> int:
    """Levels below the root so that leaves hold about LEAF_POINTS (2.5-D data: ×4 a level)."""
    return int(min(12, max(0, np.ceil(np.log(max(n, 1) / LEAF_POINTS) / np.log(4)))))


def priority(index: np.ndarray, seed: int = SEED) -> np.ndarray:
    """A pseudo-random rank for each point index, all distinct: a splitmix64 hash in the
    high 32 bits, the index itself in the low ones (indices < 2³²)."""
    z = index.astype(np.uint64) + np.uint64((seed * 0x9E3779B97F4A7C15) % 2 ** 64)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    z ^= z >> np.uint64(31)
    return (z & np.uint64(0xFFFFFFFF00000000)) | (index.astype(np.uint64) & np.uint64(0xFFFFFFFF))


PIECE = 65_536        # points a step works on at a time: its temporaries stay in the core's cache


def _spread_table(bits: int) -> np.ndarray:
    """The Morton spread of every number below 2^bits: its bits three places apart."""
    v, out = np.arange(2 ** bits, dtype=np.uint64), np.zeros(2 ** bits, np.uint64)
    for b in range(bits):
        out |= ((v >> np.uint64(b)) & np.uint64(1)) << np.uint64(3 * b)
    return out


_LOW_BITS = 11         # a cell (< 2²¹) spreads as its low 11 bits and its high 10, two lookups in 16 KB
_SPREAD = _spread_table(_LOW_BITS)
# for x, y and z: (table of the low bits, of the high bits), shifted into their place in the code
_TABLES = [(_SPREAD << np.uint64(2 - i), _SPREAD << np.uint64(3 * _LOW_BITS + 2 - i)) for i in range(3)]


def _add_axis(code: np.ndarray, cells: np.ndarray, i: int) -> None:
    """OR into ``code`` the spread bits of axis ``i``'s cells (floats or ints, 0 ≤ cell
    < 2²¹; floats are truncated)."""
    low, high = _TABLES[i]
    c = cells.astype(np.intp)
    code |= low.take(c & (2 ** _LOW_BITS - 1))
    c >>= _LOW_BITS
    code |= high.take(c)


def _compact(v: np.ndarray) -> np.ndarray:
    """The inverse of the spread: every third bit of v, packed together."""
    v = v & np.uint64(0x1249249249249249)
    for shift, mask in ((2, 0x10C30C30C30C30C3), (4, 0x100F00F00F00F00F), (8, 0x1F0000FF0000FF),
                        (16, 0x1F00000000FFFF), (32, 0x1FFFFF)):
        v = (v | (v >> np.uint64(shift))) & np.uint64(mask)
    return v.astype(np.int64)


def morton(fine: np.ndarray) -> np.ndarray:
    """Morton (z-order) code of fine cells (N, 3; non-negative, < 2²¹): every voxel and
    node, of any level, is a run of consecutive codes (the code shifted right by 3 bits a
    level)."""
    code = np.zeros(len(fine), np.uint64)
    for a in range(0, len(fine), PIECE):
        for i in range(3):
            _add_axis(code[a:a + PIECE], fine[a:a + PIECE, i], i)
    return code


def block_of(code: np.ndarray, depth: int) -> np.ndarray:
    """The block of each Morton code: the number (< 8³) of its node of level BLOCK_LEVEL."""
    return (code >> np.uint64(3 * (depth - min(BLOCK_LEVEL, depth) + GRID_BITS))).astype(np.int16)


def _starts(code: np.ndarray) -> np.ndarray:
    return np.flatnonzero(np.r_[True, code[1:] != code[:-1]])


def levels_of(code: np.ndarray, rank: np.ndarray, depth: int) -> np.ndarray:
    """Octree level of each point (0 = root), points sorted by Morton ``code``: in every
    voxel of every level, the point of smallest rank not taken by a shallower level. A
    voxel is a run of the sorted codes, so each level is a few linear passes, no sort."""
    n = len(code)
    level = np.full(n, depth, dtype=np.int8)
    free = rank.copy()
    taken = np.uint64(2 ** 64 - 1)
    for d in range(depth):
        starts = _starts(code >> np.uint64(3 * (depth - d)))
        best = np.minimum.reduceat(free, starts)
        winner = np.flatnonzero(free == np.repeat(best, np.diff(np.r_[starts, n])))
        winner = winner[free[winner] != taken]
        level[winner] = d
        free[winner] = taken
    return level


def assign_levels(xyz: np.ndarray, cube: "Cube", seed: int = SEED) -> np.ndarray:
    """Octree level of every point of ``xyz`` (points numbered in array order)."""
    code = morton(cube.fine_cells(xyz))
    order = np.argsort(code, kind="stable")
    level = np.empty(len(xyz), np.int8)
    level[order] = levels_of(code[order], priority(order, seed), cube.depth)
    return level


def node_keys(code: np.ndarray, level: np.ndarray, depth: int) -> np.ndarray:
    """(N, 4) COPC voxel keys (d, x, y, z) of the nodes holding points of these Morton
    codes and levels."""
    node = code >> (np.uint64(3) * (depth + GRID_BITS - level).astype(np.uint64))
    return np.column_stack([level.astype(np.int64), _compact(node >> np.uint64(2)),
                            _compact(node >> np.uint64(1)), _compact(node)])


def block_layout(idx: np.ndarray, code: np.ndarray, cube: Cube, seed: int = SEED):
    """Level assignment and node order of one block's points (``idx`` ascending, ``code``
    their Morton codes): nodes level by level in Morton order, points within a node in
    Morton order (neighbours together compress better), equal cells in file order.
    Returns the points of the levels above the blocks (index, code, level), whose nodes
    span several blocks, and the block's own nodes: point indices node after node, keys
    and counts."""
    bits = max(1, int(len(idx) - 1).bit_length())
    if 3 * (cube.depth + GRID_BITS) + bits <= 64:
        # sort values, not indices (3× faster): the code with the point's place below it
        key = np.sort((code << np.uint64(bits)) | np.arange(len(idx), dtype=np.uint64))
        idx = idx[(key & np.uint64(2 ** bits - 1)).astype(np.int64)]
        code = key >> np.uint64(bits)
    else:                                              # trees deeper than 7 levels
        o = np.argsort(code, kind="stable")
        idx, code = idx[o], code[o]
    level = levels_of(code, priority(idx, seed), cube.depth)
    o = np.argsort(level, kind="stable")               # radix sort of int8
    idx, code, level = idx[o], code[o], level[o]
    keys, count = _nodes(code, level, cube.depth)
    shallow = keys[:, 0] < min(BLOCK_LEVEL, cube.depth)
    cut = int(count[shallow].sum())                    # shallow levels come first
    # copies, not views: a view would keep the block's whole arrays alive
    return ((idx[:cut].copy(), code[:cut].copy(), level[:cut].copy()),
            (idx[cut:].copy(), keys[~shallow], count[~shallow]))


def _nodes(code: np.ndarray, level: np.ndarray, depth: int) -> tuple[np.ndarray, np.ndarray]:
    """Keys and point counts of the nodes of points sorted by level, then Morton code."""
    if not len(code):
        return np.zeros((0, 4), np.int64), np.zeros(0, np.int64)
    node = code >> (np.uint64(3) * (depth + GRID_BITS - level).astype(np.uint64))
    starts = np.flatnonzero(np.r_[True, (node[1:] != node[:-1]) | (level[1:] != level[:-1])])
    return node_keys(code[starts], level[starts], depth), np.diff(np.r_[starts, len(code)])


def merge_shallow(parts, depth: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The nodes above the blocks, from every block's shallow points ``(index, code,
    level)``: point indices node after node (within a node in Morton order, then file
    order), keys and counts — the same whatever block each point came from."""
    idx, code, level = (np.concatenate([p[i] for p in parts]) for i in range(3))
    # equal codes are one fine cell, so one block, already in file order: a stable sort by
    # level then code (≤ 57 bits for 12 levels) orders as (level, code, index) would
    o = np.argsort((level.astype(np.uint64) << np.uint64(60)) | code, kind="stable")
    keys, count = _nodes(code[o], level[o], depth)
    return idx[o], keys, count
