"""``{{ page.contacts|contact_links|linebreaksbr }}``: free-text contacts with
mailto: and tel: links (hub/contact_links.py)."""

from django import template

from hub.contact_links import linked_contacts

register = template.Library()


@register.filter
def contact_links(text):
    return linked_contacts(str(text or ""))
