"""The one error type for bad input files, and the YAML reader that raises it."""
import yaml


class DataError(ValueError):
    """A raw file or its metadata is wrong. The message names file, row and column."""

    def __init__(self, file, problem, row=None, column=None):
        where = [str(file)]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column '{column}'")
        self.file, self.row, self.column, self.problem = file, row, column, problem
        super().__init__(f"{', '.join(where)}: {problem}")


def read_yaml(path, shown, loader=yaml.SafeLoader):
    """Parse a UTF-8 YAML file; bad bytes or bad YAML become a DataError naming ``shown`` and the line."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as problem:
        line = data.count(b"\n", 0, problem.start) + 1
        raise DataError(shown, f"byte {data[problem.start]:#04x} is not UTF-8 text (save the file as UTF-8)",
                        row=line) from None
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as problem:
        raise yaml_problem(shown, problem) from None


def yaml_problem(file, problem):
    """A YAML parse error as a DataError naming the file and the line."""
    mark = getattr(problem, "problem_mark", None)
    return DataError(file, f"not valid YAML ({getattr(problem, 'problem', problem)})",
                     row=None if mark is None else mark.line + 1)
