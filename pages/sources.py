"""Sources page: each article's metadata and its facts paragraph by paragraph."""

from __future__ import annotations

import streamlit as st

from pages._shared import dataset_or_stop, md
from tajikmap.present import STATUS_LABELS

ds = dataset_or_stop()
st.title("Sources")
for src in sorted(ds.sources.values(), key=lambda s: s.year):
    st.header(f"{src.year}: {src.title}")
    st.markdown(
        f"**Author:** {md(src.author or 'no byline')} · **Outlet:** {md(src.outlet)}  \n"
        f"**Event date:** {md(src.event_date)} ({src.event_date_precision}) · "
        f"**Published:** {md(src.published or 'unknown')} — {md(src.published_note)}  \n"
        f"**Dating:** {md(src.dating)}"
    )
    facts = [f for f in ds.facts if f.citation.source == src.id]
    for n in range(1, src.paragraphs + 1):
        para = [f for f in facts if f.citation.paragraph == n]
        regions = sorted({ds.regions[r].name for f in para for r in f.regions})
        with st.expander(f"¶{n} — {len(para)} facts — regions: {', '.join(regions) or 'none'}"):
            if not para:
                st.markdown(md(src.no_fact_paragraphs.get(n, "No facts.")))
            for f in para:
                st.markdown(
                    f"- *{STATUS_LABELS[f.status]}* {md(f.statement)} "
                    f"(key phrase: “{md(f.citation.key_phrase)}”)"
                )
