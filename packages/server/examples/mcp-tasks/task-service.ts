/** One task of the example service. */
export interface Task {
  id: string;
  title: string;
  done: boolean;
  /** Optional due date, `YYYY-MM-DD`. */
  due?: string | undefined;
}

/** A tiny in-memory task list (one per process; the HTTP server shares it across sessions). */
export class TaskService {
  private readonly tasks: Task[] = [];
  private next = 1;

  add(title: string, due?: string): Task {
    const task: Task = { id: `t${this.next++}`, title, done: false, ...(due ? { due } : {}) };
    this.tasks.push(task);
    return task;
  }

  list(includeDone = true): Task[] {
    return this.tasks.filter((task) => includeDone || !task.done).map((task) => ({ ...task }));
  }

  complete(id: string): Task | undefined {
    const task = this.tasks.find((candidate) => candidate.id === id);
    if (task) task.done = true;
    return task ? { ...task } : undefined;
  }
}
