# Parses a Reticulum config with ConfigObj (Debian's python3-configobj, the real parser of the
# format) and prints it as JSON: every section in file order, every value as ConfigObj returns it,
# and what ConfigObj's as_bool / as_int make of it where they accept it.
import json
import sys

from configobj import ConfigObj


def walk(section):
    out = {}
    for key in section.scalars:
        entry = {"value": section[key]}
        for name, convert in (("bool", section.as_bool), ("int", section.as_int)):
            try:
                entry[name] = convert(key)
            except (ValueError, TypeError, KeyError):
                pass
        out[key] = entry
    for key in section.sections:
        out[key] = walk(section[key])
    return out


config = ConfigObj(sys.argv[1], file_error=True, raise_errors=True, encoding="utf-8")
print(json.dumps(walk(config)))
