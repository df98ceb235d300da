"""The "Sources" section at the end of a notebook, built from what it loaded."""
from IPython.display import Markdown

from . import data, paths, sources, wording


def sources_used():
    """Markdown listing each dataset the notebook loaded and every source its rows cite."""
    registry = sources.registry()
    lines = [wording.say("datasets loaded"), ""]
    cited = []
    for dataset in data.loaded():
        meta = dataset.meta
        csv_path, _ = paths.dataset_files(dataset.name)
        lines.append(wording.say("dataset line", path=paths.relative(csv_path),
                                 title=wording.dataset_text(dataset.name, meta, "title"),
                                 publisher=meta["publisher"], licence=meta["licence"], sha=meta["sha256"][:12]))
        cited += [source_id for source_id in dataset.source_ids() if source_id not in cited]
    lines += ["", wording.say("sources cited"), ""]
    for source_id in cited:
        source = registry[source_id]
        pages = ", ".join(
            f"[{page.get('relay', wording.say('page'))}]({page['url']}) ({wording.kind_name(sources.page_kind(page))})"
            for page in source.read_at
        )
        lines.append(wording.say("source line", id=source_id, publisher=source.publisher, title=source.title,
                                 published=source.published, url=source.url, pages=pages, accessed=source.accessed,
                                 licence=source.licence, cite=f"{{cite:p}}`{source_id}`"))
    return Markdown("\n".join(lines))
