"""``twin fetch``: a commune's open data (BD TOPO, cadastre, LiDAR HD, MNT, orthophoto)
downloaded from IGN's and Etalab's services into a folder ``twin build-scene`` reads.

``services`` names the services and their parameters, ``http`` requests and resumable
downloads, ``commune`` the plan (what to fetch, sizes) and the fetch itself."""
