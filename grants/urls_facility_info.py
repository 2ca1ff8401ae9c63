"""The facilities' own pages: the list with its search, each facility, and the managers'
pages for keeping them."""

urlpatterns: list = []
