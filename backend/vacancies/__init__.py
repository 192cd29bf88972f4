"""FunctieHuis: job functions, and the vacancies (jobs, stages, opdrachten) made from them."""
