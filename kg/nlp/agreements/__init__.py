"""Agreements in ``doc.spans["pkg_agreements"]``: one group of mentions per agreement.

The steps, in order (``pipeline.find_agreements``): mentions -> actions, and the parties,
duration and money said around each mention -> coreference -> reported filter -> parties
-> stage -> duration and money -> label. Each step reads only what the steps before it
wrote. Their objects are in
``types``, their word lists in ``kg/nlp/data/lexicons/agreements.v3.json``, the names of their rules
in ``rules``.
"""

from kg.nlp.agreements.pipeline import AgreementFinder, find_agreements

__all__ = ["AgreementFinder", "find_agreements"]
