"""`python -m bench` (make bench): every benchmark of this package in turn, each writing its results file."""

import importlib
import pkgutil

import bench


def main():
    for module in sorted(info.name for info in pkgutil.iter_modules(bench.__path__) if not info.name.startswith("_")):
        print(f"== bench.{module}", flush=True)
        importlib.import_module(f"bench.{module}").main([])


if __name__ == "__main__":
    main()
