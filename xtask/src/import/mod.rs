pub(crate) mod doc_text;
