// GOV.UK task list: one row a task, its hint, and its status in words (a tag while something is to do).
import type { ReactNode } from 'react';

export interface Task {
  id: string;
  name: string;
  hint?: ReactNode;
  status: ReactNode;
}

export function TaskList({ tasks, id }: { tasks: Task[]; id?: string }) {
  return (
    <ul className="govuk-task-list" id={id}>
      {tasks.map((t) => (
        <li className="govuk-task-list__item" key={t.id} id={t.id}>
          <div className="govuk-task-list__name-and-hint">
            <div>{t.name}</div>
            {t.hint && <div className="govuk-task-list__hint">{t.hint}</div>}
          </div>
          <div className="govuk-task-list__status">{t.status}</div>
        </li>
      ))}
    </ul>
  );
}
