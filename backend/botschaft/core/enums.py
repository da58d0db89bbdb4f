"""Enum columns stored as portable strings (no native PostgreSQL enum types)."""

from enum import StrEnum

from sqlalchemy import Enum


def string_enum(enum_cls: type[StrEnum], length: int = 32) -> Enum:
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda e: [m.value for m in e],
    )
