"""The pieces of a synthetic commune delivery (``benchmarks/commune_delivery.py``): the
land and its relief, the communes and their towns, and one writer per product (BD TOPO,
Etalab cadastre, LiDAR HD MNT and point clouds, BD ORTHO)."""
