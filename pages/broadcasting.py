"""Broadcasting ``/broadcasting``: the notebook's (T, N, C) @ (C, K) demonstration, interactive."""
import streamlit as st

from pages._keep import setting_args
from pages._shell import setup_page
from seq2seq_core.broadcasting import (
    compare_products,
    demo_arrays,
    matmul_error,
    step_layout,
)
from seq2seq_core.figures.broadcasting import memory_layout_figure, step_product_figure
from seq2seq_core.i18n import t

lang = setup_page("broadcasting")

st.title(t("broadcasting.title", lang))
st.markdown(t("broadcasting.intro", lang))

columns = st.columns(4)
T, N, C, K = (column.slider(name, **setting_args(f"broadcasting_{name}"))
              for column, name in zip(columns, "TNCK"))
layout = st.radio(
    t("broadcasting.weight_layout", lang),
    format_func=lambda name: t(f"broadcasting.layout.{name}", lang),
    horizontal=True,
    **setting_args("broadcasting_layout"),
)

x, w = demo_arrays(T, N, C, K, layout)
w_rows, w_columns = w.shape
st.code(
    f"x = np.arange({T} * {N} * {C}).reshape({T}, {N}, {C})\n"
    f"W = np.arange({w_rows} * {w_columns}).reshape({w_rows}, {w_columns})\n"
    "y = x @ W",
    language="python",
)

error = matmul_error(x.shape, w.shape)
if error is not None:
    st.error(f"**{t('broadcasting.mismatch.title', lang)}** — "
             + t("broadcasting.mismatch.explain", lang, C=C, K=K, rows=w_rows))
    st.caption(t("broadcasting.numpy_says", lang))
    st.code(f"ValueError: {error}", language="text", wrap_lines=True)
else:
    if layout == "transposed":
        st.info(t("broadcasting.silent_transpose", lang))
    check = compare_products(x, w)
    st.subheader(t("broadcasting.shapes", lang))
    st.markdown(f"`x: (T={T}, N={N}, C={C})` @ `W: {w.shape}` "
                f"→ `y: (T={T}, N={N}, K={w.shape[1]})`")

    step = (st.slider(t("broadcasting.step", lang), 0, T - 1, 0, key="broadcasting_step")
            if T > 1 else 0)
    st.caption(t("broadcasting.step.caption", lang))
    st.plotly_chart(step_product_figure(x, w, step, lang))

    st.subheader(t("broadcasting.checks.title", lang))
    for name, matches in (
        ("per_step", check.matches_per_step),
        ("einsum", check.matches_einsum),
        ("batch_first", check.matches_batch_first),
    ):
        verdict = t("broadcasting.checks.equal" if matches
                    else "broadcasting.checks.different", lang)
        st.markdown(f"{t(f'broadcasting.checks.{name}', lang)}: **{verdict}**")

    st.subheader(t("broadcasting.layouts.title", lang))
    time_first, batch_first = st.columns(2)
    time_first.markdown(f"**{t('broadcasting.layouts.time_first', lang)}**")
    time_first.code(f"x.shape == {x.shape}\n(x @ W).shape == {check.broadcast.shape}",
                    language="python")
    batch_first.markdown(f"**{t('broadcasting.layouts.batch_first', lang)}**")
    batch_first.code(
        f"x_bf = x.transpose(1, 0, 2)   # {x.transpose(1, 0, 2).shape}\n"
        f"(x_bf @ W).shape == {check.batch_first.shape}\n"
        f"# {check.matches_batch_first}:\nnp.all(x @ W == (x_bf @ W).transpose(1, 0, 2))",
        language="python",
    )

st.subheader(t("broadcasting.why.title", lang))
st.markdown(t("broadcasting.why", lang))
# The step chosen above, also when the product is not shown (mismatched W).
why_step = min(st.session_state.get("broadcasting_step", 0), T - 1)
st.plotly_chart(memory_layout_figure(T, N, C, why_step, lang))
facts = step_layout(x, why_step)
st.caption(
    t(
        "broadcasting.why.strides",
        lang,
        t=why_step,
        time_first_contiguous=t("common.yes" if facts.time_first_contiguous
                                else "common.no", lang),
        time_first_strides=facts.time_first_strides,
        batch_first_contiguous=t("common.yes" if facts.batch_first_contiguous
                                 else "common.no", lang),
        batch_first_strides=facts.batch_first_strides,
    )
)
