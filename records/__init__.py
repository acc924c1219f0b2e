"""Records: accounts, patients, sharing, uploaded documents, their pages and the audit log."""
