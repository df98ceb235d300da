"""The "Sources" section at the end of a notebook, built from what it loaded."""
from IPython.display import Markdown

from . import data, paths, sources


def sources_used():
    """Markdown listing each dataset the notebook loaded and every source its rows cite."""
    registry = sources.registry()
    lines = ["**Datasets loaded**", ""]
    cited = []
    for dataset in data.loaded():
        meta = dataset.meta
        csv_path, _ = paths.dataset_files(dataset.name)
        lines.append(
            f"- `{paths.relative(csv_path)}`: {meta['title']}. Publisher: {meta['publisher']}. "
            f"Licence: {meta['licence']}. sha256 `{meta['sha256'][:12]}…`."
        )
        cited += [source_id for source_id in dataset.source_ids() if source_id not in cited]
    lines += ["", "**Sources cited by those rows**", ""]
    for source_id in cited:
        source = registry[source_id]
        pages = ", ".join(
            f"[{page.get('relay', 'page')}]({page['url']}) ({sources.page_kind(page)})" for page in source.read_at
        )
        lines.append(
            f"- `{source_id}`: {source.publisher}, *{source.title}*, published {source.published}. "
            f"Original: <{source.url}>. Values read at: {pages} (accessed {source.accessed}). "
            f"Licence: {source.licence}. {{cite:p}}`{source_id}`"
        )
    return Markdown("\n".join(lines))
