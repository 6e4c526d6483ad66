"""Print a pip constraints file pinning each dependency of pyproject.toml to its lower bound.

CI installs the package once more with these constraints, so a lower bound
that the code does not work with fails the build instead of a user's install.
The lint extra is left out: what a linter reports changes with its release,
and the code is checked with the newest ones.
"""

import re
import sys
import tomllib

project = tomllib.load(open(sys.argv[1], "rb"))["project"]
extras = {name: reqs for name, reqs in project["optional-dependencies"].items() if name != "lint"}
for requirement in [*project["dependencies"], *(r for reqs in extras.values() for r in reqs)]:
    bound = re.fullmatch(r"([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?>=([0-9][^,;\s]*)", requirement.strip())
    if bound:
        print(f"{bound.group(1)}=={bound.group(2)}")
