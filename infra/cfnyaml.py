"""Reads CloudFormation YAML (short-form tags such as !Ref, !Sub, !GetAtt) into plain dicts in long form.

Shared by infra/deploy and infra/fsbp_controls.py; needs only PyYAML.
"""
import yaml


class _Loader(yaml.SafeLoader):
    pass


def _construct(loader, tag_suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if tag_suffix == "Ref":
        return {"Ref": value}
    if tag_suffix == "GetAtt" and isinstance(value, str):
        resource, _, attribute = value.partition(".")
        return {"Fn::GetAtt": [resource, attribute]}
    if tag_suffix == "Condition":
        return {"Condition": value}
    return {"Fn::" + tag_suffix: value}


_Loader.add_multi_constructor("!", _construct)


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass


def resources(template, type_=None):
    """(logical id, resource) pairs, optionally of one type."""
    for name, resource in (template.get("Resources") or {}).items():
        if type_ is None or resource.get("Type") == type_:
            yield name, resource
