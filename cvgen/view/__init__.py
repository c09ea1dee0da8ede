"""The view: the one preparation step shared by every format (order, filter, group, number, mark)."""

from cvgen.view.document import Contact, Document, Group, Header, Item, LinkRef, Meta, Photo, Section
from cvgen.view.prepare import ViewOptions, prepare

__all__ = ["Contact", "Document", "Group", "Header", "Item", "LinkRef", "Meta", "Photo", "Section", "ViewOptions", "prepare"]
