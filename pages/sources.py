"""Sources page: each article's metadata and its facts paragraph by paragraph."""

from __future__ import annotations

import streamlit as st

from pages._shared import dataset_or_stop, md
from tajikmap.credits import source_date
from tajikmap.present import BACKGROUND_LABEL, DATING_LABEL, fact_view, plural

ds = dataset_or_stop()
st.title("Sources")
st.markdown(
    "The articles the map is built from, paragraph by paragraph. Open a paragraph (¶) to "
    "see the facts taken from it: how sure each is, who says so, and anything we added that "
    "the article does not say."
)
for src in sorted(ds.sources.values(), key=lambda s: s.year):
    st.header(f"{src.year}: {md(src.title)}")
    # The date in plain words first; how it was worked out (method) folds away, as on the Map.
    st.markdown(
        f"**Author:** {md(src.author or 'no byline')} · **Outlet:** {md(src.outlet)}  \n"
        f"**Date:** {md(source_date(src))}"
    )
    with st.expander(DATING_LABEL):
        st.markdown(
            f"**Published:** {md(src.published or 'unknown')} — {md(src.published_note)}\n\n{md(src.dating)}"
        )
    facts = [f for f in ds.facts if f.citation.source == src.id]
    st.markdown(f"{plural(src.paragraphs, 'paragraph')}, {plural(len(facts), 'fact')}:")
    for n in range(1, src.paragraphs + 1):
        para = [f for f in facts if f.citation.paragraph == n]
        regions = sorted({ds.regions[r].name for f in para for r in f.regions})
        statuses = sorted({f.status for f in para})
        title = f"¶{n} — {plural(len(para), 'fact')}"
        if para:
            title += f" ({', '.join(statuses)}) — regions: {md(', '.join(regions))}"
        with st.expander(title):
            if not para:
                st.markdown(md(src.no_fact_paragraphs.get(n, "No facts.")))
            for f in para:
                fv = fact_view(f, ds)
                said = f", {md(fv.according_to)}" if fv.according_to else ""
                phrase = md(f.citation.key_phrase)
                when = md(fv.date)
                lines = [f"- **{fv.status}**{said}: {md(fv.statement)} ({when}; key phrase: “{phrase}”)"]
                lines += [f"  - *{BACKGROUND_LABEL}:* {md(t)} (basis: {md(b)})" for t, b in fv.background]
                st.markdown("\n".join(lines))
