"""The downloads and the import on the page: buttons, uploader, preview; the use cases are in exports/take_home.py."""

from __future__ import annotations

import functools
from collections.abc import Callable

import streamlit as st

from exports.limits import MAX_UPLOAD_BYTES
from exports.take_home import (
    Upload,
    apply_upload,
    file_stem,
    open_upload,
    read_upload,
    report,
    workbook,
    workshop_file,
)
from workshop.cases.board import Board
from workshop.cases.transfer import snapshot
from workshop.domain.errors import StaleEdit
from workshop.domain.model import Role, WorkshopSnapshot
from workshop.ui import context
from workshop.ui.text import md_escape

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAPERS = {"a4": "A4", "letter": "Letter"}
UPLOAD_MB = MAX_UPLOAD_BYTES // (1024 * 1024)
_SHOWN_PROBLEMS = 30


def summary(snap: WorkshopSnapshot) -> str:
    """One line of Markdown describing a workshop in a file; its title is escaped."""
    votes = sum(v.count for v in snap.votes)
    return (
        f"**{md_escape(snap.title)}**: {len(snap.personas)} personas, {len(snap.attributes)} attributes, "
        f"{len(snap.ideas)} ideas, {votes} votes."
    )


def show(token: str, board: Board, *, key: str = "downloads") -> None:
    """Downloads for the facilitator and view-only links, import for the facilitator; participants see none.

    `key` keeps widgets apart when this appears twice on a page (the wrap-up step and the sidebar).
    """
    if board.caller.role not in (Role.FACILITATOR, Role.VIEWER):
        return
    _downloads(token, board, key)
    if board.caller.is_facilitator:
        _import(token, board, key)


def _downloads(token: str, board: Board, key: str) -> None:
    with_authors = True
    if board.workshop.settings.anonymous and board.caller.is_facilitator:
        with_authors = st.checkbox("Include who wrote what", key=f"{key}_authors")
        st.caption(
            "This workshop is anonymous: participants never see names. "
            "Include them only in files that stay with you."
        )
    store, stem = context.store(), file_stem(board.workshop.title)
    _workbook(token, board, key, with_authors)
    _report(token, board, key, with_authors)
    st.download_button(
        "Download the workshop file",
        functools.partial(workshop_file, store, token, with_authors=with_authors),
        file_name=f"{stem}.json",
        mime="application/json",
        on_click="ignore",
        key=f"{key}_json",
        help="The whole workshop as JSON: a backup, or a template for the next one.",
    )


def _workbook(token: str, board: Board, key: str, with_authors: bool) -> None:
    # Built when clicked, from the workshop as it is then: a button drawn before someone's change
    # never hands out the workbook as it was (the button shows it is working meanwhile).
    st.download_button(
        "Download the workbook",
        functools.partial(workbook, context.store(), token, with_authors=with_authors),
        file_name=f"{file_stem(board.workshop.title)}.xlsx",
        mime=XLSX_MIME,
        on_click="ignore",
        key=f"{key}_xlsx",
        type="primary",
        help="Persona sheets with live charts, the love/hate table, the ideas and the fit map.",
    )


def _report(token: str, board: Board, key: str, with_authors: bool) -> None:
    paper = st.radio(
        "Paper for the PDF report",
        list(PAPERS),
        format_func=PAPERS.get,
        horizontal=True,
        key=f"{key}_paper",
    )
    # Built when clicked, like the workbook: drawing its charts takes a few seconds, and the
    # button shows it is working meanwhile.
    st.download_button(
        "Download the PDF report",
        functools.partial(report, context.store(), token, with_authors=with_authors, paper=paper or "a4"),
        file_name=f"{file_stem(board.workshop.title)}.pdf",
        mime="application/pdf",
        on_click="ignore",
        key=f"{key}_pdf",
        help="For people who were not in the room: the promise, each persona, the map, findings, "
        "the vote and the decision.",
    )


def uploaded(
    key: str, label: str, base: Callable[[], WorkshopSnapshot | None] = lambda: None
) -> Upload | None:
    """A file uploader whose file is read once per upload (a workbook against `base()`); None until chosen."""
    generation = st.session_state.get(f"_{key}_generation", 0)
    file = st.file_uploader(
        label, type=["xlsx", "json"], max_upload_size=UPLOAD_MB, key=f"{key}_file_{generation}"
    )
    st.caption(f"A workbook (.xlsx) or workshop file (.json) exported from this app, at most {UPLOAD_MB} MB.")
    if file is None:
        return None
    cached = st.session_state.get(f"_{key}_read")
    if cached and cached[0] == file.file_id:
        return cached[1]
    bar = st.progress(0.0, text="Checking the file…")

    def progress(done: float, step: str) -> None:
        bar.progress(min(max(done, 0.0), 1.0), text=f"Checking the file: {step[:1].lower()}{step[1:]}…")

    upload = read_upload(file.name, file.getvalue(), base(), progress)
    bar.empty()
    st.session_state[f"_{key}_read"] = (file.file_id, upload)
    return upload


def done(key: str) -> None:
    """Empty the uploader after its file was used, so a second click cannot import it twice."""
    st.session_state[f"_{key}_generation"] = st.session_state.get(f"_{key}_generation", 0) + 1
    st.session_state.pop(f"_{key}_read", None)


def show_problems(upload: Upload) -> None:
    noun = "problem" if len(upload.problems) == 1 else "problems"
    lines = [f"- {md_escape(p)}" for p in upload.problems[:_SHOWN_PROBLEMS]]
    if len(upload.problems) > _SHOWN_PROBLEMS:
        lines.append(f"- and {len(upload.problems) - _SHOWN_PROBLEMS} more")
    st.error(
        f"Nothing was imported. The {upload.kind} has {len(upload.problems)} {noun}:\n\n" + "\n".join(lines)
    )


def open_buttons(upload: Upload, key: str, facilitator_name: str) -> None:
    """'Open as a new workshop' (and, for a workshop file, as a template); moves this browser there."""
    choices = [("Open as a new workshop", False)]
    if upload.kind == "workshop file":
        choices.append(("Open as a template (no votes)", True))
    for column, (label, template) in zip(st.columns(len(choices)), choices, strict=True):
        if column.button(label, key=f"{key}_open_{template}"):
            with context.shown_errors():
                new_token = open_upload(context.store(), upload, facilitator_name, template=template)
                done(key)
                context.set_token(new_token)
                context.flash("The new workshop is open. You are its facilitator; bookmark this page.")
                st.rerun()


def _import(token: str, board: Board, key: str) -> None:
    upload_key = f"{key}_import"
    with st.expander("Bring back an edited workbook or a workshop file"):
        upload = None
        with context.shown_errors():
            upload = uploaded(
                upload_key, "Upload a workbook or workshop file", lambda: snapshot(context.store(), token)
            )
        if upload is None or upload.after is None:
            if upload is not None:
                show_problems(upload)
            return
        if upload.kind == "workshop file":
            st.markdown(summary(upload.after))
        else:
            _preview(token, upload, upload_key)
        open_buttons(upload, upload_key, board.caller.name)


def _preview(token: str, upload: Upload, key: str) -> None:
    notice = st.session_state.pop(f"_{key}_notice", None)
    if notice:
        st.warning(md_escape(notice), icon="⚠️")
    if upload.applied:
        st.markdown("**Applying it to this workshop changes:**")
        st.markdown("\n".join(f"- {md_escape(s)}" for s in upload.applied))
    else:
        st.caption("The personas, stances and notes in the workbook are the same as in this workshop.")
    if upload.new_only:
        st.markdown("**Not brought into this workshop** (open it as a new workshop to keep these):")
        st.markdown("\n".join(f"- {md_escape(s)}" for s in upload.new_only))
    st.caption(
        "Applying brings back persona texts, stances and notes; titles, the promise and ideas stay as they are."
    )
    if st.button("Apply to this workshop", key=f"{key}_apply", type="primary", disabled=not upload.applied):
        with context.shown_errors():
            try:
                changed = apply_upload(context.store(), token, upload)
            except StaleEdit as e:
                # Read the file again against the workshop as it is now, so the preview tells the truth.
                st.session_state.pop(f"_{key}_read", None)
                st.session_state[f"_{key}_notice"] = (
                    f"{e.changed_by or 'Someone'} changed a persona after this preview was made, so nothing "
                    "was applied. The preview now compares with the workshop as it is; check it and apply again."
                )
                st.rerun()
            done(key)
            context.flash(f"{changed} persona(s) updated from the workbook.")
            st.rerun()
