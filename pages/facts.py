"""Facts page: every fact in a searchable, filterable table, with downloads."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from pages._shared import dataset_or_stop
from tajikmap.present import fact_record

ds = dataset_or_stop()
st.title("Facts")
rows = pd.DataFrame([fact_record(f, ds) for f in ds.facts])

c1, c2, c3, c4, c5 = st.columns(5)
years = c1.multiselect("Year", ds.years())
regions = c2.multiselect("Region", sorted(ds.regions), format_func=lambda r: ds.regions[r].name)
categories = c3.multiselect("Category", sorted(rows["category"].unique()))
actors = c4.multiselect("Actor", sorted(ds.actors), format_func=lambda a: ds.actors[a].name)
statuses = c5.multiselect("Status", sorted(rows["status"].unique()))
query = st.text_input("Search statements, figures and citations", max_chars=200)

mask = pd.Series(True, index=rows.index)
if years:
    mask &= rows["year"].isin(years)
if regions:
    mask &= pd.Series([any(r in f.regions for r in regions) for f in ds.facts], index=rows.index)
if categories:
    mask &= rows["category"].isin(categories)
if actors:
    mask &= pd.Series(
        [any(a in f.actors or a in f.claimed_by for a in actors) for f in ds.facts], index=rows.index
    )
if statuses:
    mask &= rows["status"].isin(statuses)
if query.strip():
    text = rows[["statement", "figures", "citation", "actors", "regions"]].agg(" ".join, axis=1)
    mask &= text.str.contains(query.strip(), case=False, regex=False)
shown = rows[mask]

st.caption(f"{len(shown)} of {len(rows)} facts")
st.dataframe(
    shown.drop(columns=["region_ids", "key_phrase"]),
    hide_index=True,
    use_container_width=True,
    column_config={"statement": st.column_config.TextColumn(width="large")},
)
d1, d2 = st.columns(2)
d1.download_button("Download CSV", shown.to_csv(index=False), "tajikmap-facts.csv", "text/csv")
d2.download_button(
    "Download JSON",
    json.dumps(shown.to_dict(orient="records"), ensure_ascii=False, indent=2),
    "tajikmap-facts.json",
    "application/json",
)
