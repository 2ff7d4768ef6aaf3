"""Entry file and home page: Ask, the chat that answers "why normalize?" with the learner's own numbers."""

import streamlit as st

from ui.shell import open_linked_page, page_setup

unknown_page = open_linked_page()  # a share link (/?page=Explore&…): that page, before anything of this one is drawn
# The frame, title and intro first: on a just-started server the engine's imports take seconds more.
navigation = page_setup("Ask")
st.title("Why does normalizing input features speed up learning?")
st.markdown(
    "Ask in your own words, with your own numbers — feature ranges such as *0 to 1 and 1 to 1000*, a learning"
    " rate, an optimizer. Every figure in the answer is computed for them: the condition number, the largest"
    " stable learning rate, the iterations before and after normalizing."
)

if unknown_page:
    st.warning(unknown_page, icon=":material/link_off:")

from ui import chat_view  # noqa: E402

restored = chat_view.restore_from_address()
typed = st.chat_input(
    "Ask in your own words, e.g. “my features go from 0 to 1 and 1 to 1000, why normalize?”",
    key=chat_view.CHAT_INPUT_KEY,
    max_chars=chat_view.MAX_QUESTION,  # the browser and the agent API cut a longer message here; the answer says so
)
request = chat_view.pending(typed)
if request is not None:
    chat_view.ask(request)
navigation.carry(chat_view.keep_in_address())
chat_view.render_sidebar()
if restored:
    st.info(restored, icon=":material/history:")

exchanges = chat_view.history()
chat_view.render_dropped()
if not exchanges:
    chat_view.render_welcome()
for index, exchange in enumerate(exchanges):
    chat_view.render_exchange(exchange, index, latest=index == len(exchanges) - 1)
