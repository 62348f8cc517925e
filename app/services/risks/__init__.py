"""The risk register: risks and their scores, the register's rows and filters, detail records, settings and reports."""
