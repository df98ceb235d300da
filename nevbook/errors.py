"""The one error type for bad input files."""


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


def yaml_problem(file, problem):
    """A YAML parse error as a DataError naming the file and the line."""
    mark = getattr(problem, "problem_mark", None)
    return DataError(file, f"not valid YAML ({getattr(problem, 'problem', problem)})",
                     row=None if mark is None else mark.line + 1)
