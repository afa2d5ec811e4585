"""`netcard diff`: what changed between two states of a site's content kept in git.

read_revision.py reads a state (a git revision, or the working tree) into a Site;
compare.py says what differs, what becomes public first; report.py writes it as
Markdown for a pull request, or as JSON. history.py reads the commits of content/ for
the workbook's history page (the build calls it; git itself is run by git_content.py).
"""
