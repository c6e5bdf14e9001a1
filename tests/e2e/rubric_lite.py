# rubric_lite.py: a rubric's competency titles and level labels read
# line by line, without PyYAML, for the e2e checks that look for them in
# a handout or deck (handout.sh, docs_team.sh import it through
# PYTHONPATH=$TOP/tests/e2e).
import re


def titles_labels(path):
    """competency titles (`title:` indented under `categories:`) and level
    labels (`label:` under `scale:`) of the rubric at path."""
    titles, labels, top = [], [], None
    for line in open(path, encoding='utf-8'):
        m = re.match(r'([a-z_]+):', line)
        if m:
            top = m.group(1)
        m = re.match(r'(\s*)(?:- )?title:\s*(.+?)\s*$', line)
        if m and top == 'categories' and len(m.group(1)) >= 8:
            titles.append(m.group(2).strip('"\''))
        m = re.search(r'label:\s*([^}]+?)\s*\}?\s*$', line)
        if m and top == 'scale':
            labels.append(m.group(1).strip('"\''))
    return titles, labels
