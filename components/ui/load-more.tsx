import { Button } from "./button";

type Pager = Readonly<{ hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> }>;

/** The "Load more" button under a cursor-paged list (a react-query infinite query); nothing on the last page. */
export function LoadMore({ query, className = "mt-4" }: Readonly<{ query: Pager; className?: string }>) {
  if (!query.hasNextPage) return null;
  return (
    <div className={className}>
      <Button variant="secondary" isBusy={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
        Load more
      </Button>
    </div>
  );
}
